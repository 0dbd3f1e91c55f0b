namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>
/// A district day on which a monitored record got no check, found by the missed-monitoring job once the day was
/// over, with the work order it raised. One row per record and day: running the job again adds nothing.
/// </summary>
internal sealed class MissedCheck
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public DateOnly Date { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    public string ResponsibleUnit { get; set; } = "";

    public Guid WorkOrderId { get; set; }

    public DateTimeOffset DetectedAt { get; set; }
}
