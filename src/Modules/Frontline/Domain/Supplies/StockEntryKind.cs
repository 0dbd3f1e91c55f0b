namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>Why stock moved.</summary>
internal enum StockEntryKind
{
    /// <summary>Inbound from outside the district, recorded by the district (+).</summary>
    Receipt,

    /// <summary>The giving side of an allocation to a direct child (−).</summary>
    AllocationOut,

    /// <summary>The receiving side of an allocation (+), same transfer id as its AllocationOut.</summary>
    AllocationIn,

    /// <summary>Handed to a household by its community (−).</summary>
    Delivery,
}
