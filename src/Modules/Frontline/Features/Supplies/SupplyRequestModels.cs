namespace Yiwang.Frontline.Features.Supplies;

internal sealed record SupplyLineInput(string? Item, string? Name, int? Quantity);

internal sealed record NewSupplyRequest(Guid? PersonId, IReadOnlyList<SupplyLineInput>? Items, string? Note);

internal sealed record DeliveredLine(int LineNo, int Quantity);

/// <summary>What was brought; <c>Complete</c> closes the request even if less than asked was delivered.</summary>
internal sealed record DeliveryInput(string? DeliveredBy, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveredLine>? Lines, bool? Complete);

internal sealed record RefusalInput(string? Reason);

internal sealed record SupplyLineView(int LineNo, string Item, string Name, int Quantity, int Delivered);

internal sealed record SupplyRequestRow(
    Guid Id, Guid PersonId, string PersonName, string PhoneMasked, string Address, Guid? HouseholdId,
    string CommunityCode, string? CommunityName, int Priority, IReadOnlyList<string> PriorityReasons, string Status,
    DateTimeOffset CreatedAt, string CreatedBy, string Channel, string? Note, IReadOnlyList<SupplyLineView> Lines);

internal sealed record SupplyDeliveryView(Guid Id, string DeliveredBy, DateTimeOffset DeliveredAt, string RecordedBy, IReadOnlyList<DeliveredLine> Lines);

internal sealed record SupplyRequestDetail(
    SupplyRequestRow Request, DateTimeOffset? AcceptedAt, string? AcceptedBy, DateTimeOffset? ClosedAt, string? ClosedBy,
    string? RefusalReason, IReadOnlyList<SupplyDeliveryView> Deliveries);

internal sealed record HouseholdCandidate(
    Guid PersonId, string Name, string IdNumberMasked, string PhoneMasked, string Address, string CommunityCode,
    Guid? HouseholdId, int Members, int Priority, IReadOnlyList<string> PriorityReasons);
