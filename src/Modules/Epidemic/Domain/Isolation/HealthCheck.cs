namespace Yiwang.Epidemic.Domain.Isolation;

/// <summary>健康监测: one daily check, by a community worker (or, later, the person).</summary>
internal sealed class HealthCheck
{
    public long Id { get; set; }

    public Guid CaseId { get; set; }

    public Guid PersonId { get; set; }

    public string CommunityCode { get; set; } = "";

    public string StreetCode { get; set; } = "";

    /// <summary>The district (Asia/Shanghai) date of <see cref="At"/>: the day this check counts for.</summary>
    public DateOnly Date { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>°C with one decimal, 34.0–43.0.</summary>
    public decimal Temperature { get; set; }

    public bool Cough { get; set; }

    public bool Fever { get; set; }

    public bool Fatigue { get; set; }

    public bool SoreThroat { get; set; }

    public bool LossOfTasteOrSmell { get; set; }

    public string? OtherSymptoms { get; set; }

    public bool Abnormal { get; set; }

    /// <summary>"worker" (community worker) or "self" (the person).</summary>
    public string Source { get; set; } = "worker";

    public string RecordedBy { get; set; } = "";

    public DateTimeOffset RecordedAt { get; set; }
}
