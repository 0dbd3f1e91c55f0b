namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>
/// What one unit holds of one scarce item: the sum of its ledger entries, kept as a row so a refusal is one read
/// and the update carries a concurrency check (two allocations from one balance cannot both pass).
/// </summary>
internal sealed class StockBalance
{
    public string UnitCode { get; set; } = "";

    public SupplyItem Item { get; set; }

    /// <summary>Medicine name; empty for masks.</summary>
    public string Name { get; set; } = "";

    public long Quantity { get; set; }

    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
