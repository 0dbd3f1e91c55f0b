namespace Yiwang.Frontline.Domain.Supplies;

/// <summary>A household's request for supplies (物资需求), fulfilled by its community.</summary>
internal sealed class SupplyRequest
{
    public Guid Id { get; set; }

    /// <summary>The resident who asked (or was asked for), from the people registry.</summary>
    public Guid PersonId { get; set; }

    public Guid? HouseholdId { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    /// <summary>"worker" (entered by a community worker) or later "citizen" (self-service).</summary>
    public string Channel { get; set; } = "worker";

    public string? Note { get; set; }

    /// <summary>0 normal, 1 vulnerable, 2 urgent: see <see cref="SupplyPriority"/>; higher is served first.</summary>
    public int Priority { get; set; }

    /// <summary>The flags behind the priority, comma-separated (ElderlyAlone,CloseContact), as they were at request time.</summary>
    public string PriorityReasons { get; set; } = "";

    public SupplyRequestStatus Status { get; set; }

    /// <summary>Requested, accepted or partially delivered: kept as a column so the queue and dashboard read an index.</summary>
    public bool IsOpen { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? AcceptedAt { get; set; }

    public string? AcceptedBy { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? RefusalReason { get; set; }

    /// <summary>Optimistic concurrency: two workers acting on one request at once cannot both win.</summary>
    public long Version { get; set; }

    public List<SupplyRequestLine> Lines { get; set; } = [];
}
