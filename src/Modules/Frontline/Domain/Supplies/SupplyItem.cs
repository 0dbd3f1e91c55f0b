namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>The supplies catalogue. Masks and medicine are scarce: held as stock by units, drawn from on delivery.</summary>
internal enum SupplyItem
{
    Rice,
    Oil,
    Vegetables,
    Masks,
    Medicine,
    Other,
}

internal static class SupplyItems
{
    public static bool IsScarce(this SupplyItem item) => item is SupplyItem.Masks or SupplyItem.Medicine;

    /// <summary>Medicine and "other" need a name (which medicine, what else); the rest must not have one.</summary>
    public static bool NeedsName(this SupplyItem item) => item is SupplyItem.Medicine or SupplyItem.Other;
}
