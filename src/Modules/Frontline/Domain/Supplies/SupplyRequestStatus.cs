namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>
/// Requested → Accepted → (PartiallyDelivered →) Delivered, or Refused from any open state.
/// The first three are "open": they stay in the community's queue.
/// </summary>
internal enum SupplyRequestStatus
{
    Requested,
    Accepted,
    PartiallyDelivered,
    Delivered,
    Refused,
}
