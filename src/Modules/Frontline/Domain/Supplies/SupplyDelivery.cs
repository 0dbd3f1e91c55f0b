namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>One delivery to a household (there may be several when supplies arrive in parts).</summary>
internal sealed class SupplyDelivery
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    /// <summary>Who carried the supplies (a grid worker, a volunteer), as recorded.</summary>
    public string DeliveredBy { get; set; } = "";

    public DateTimeOffset DeliveredAt { get; set; }

    /// <summary>The account that recorded the delivery.</summary>
    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }

    public List<SupplyDeliveryLine> Lines { get; set; } = [];
}
