namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>How much of one request line a delivery brought.</summary>
internal sealed class SupplyDeliveryLine
{
    public Guid DeliveryId { get; set; }

    public int LineNo { get; set; }

    public int Quantity { get; set; }
}
