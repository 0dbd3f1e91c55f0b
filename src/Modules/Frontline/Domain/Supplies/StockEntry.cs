namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>
/// One line of the stock ledger (台账), never updated nor deleted. An allocation is two entries with one transfer
/// id (−qty at the giver, +qty at the receiver); a receipt and a delivery are one entry each, with the outside
/// world (a reference, a supply request) as the other side.
/// </summary>
internal sealed class StockEntry
{
    public Guid Id { get; set; }

    public Guid TransferId { get; set; }

    public StockEntryKind Kind { get; set; }

    public string UnitCode { get; set; } = "";

    public SupplyItem Item { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Signed: + into the unit, − out of it.</summary>
    public long Quantity { get; set; }

    /// <summary>The other unit of an allocation.</summary>
    public string? CounterpartUnit { get; set; }

    /// <summary>Receipt: the shipment's reference; delivery: the supply request id.</summary>
    public string? Reference { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset At { get; set; }

    public string By { get; set; } = "";
}
