namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>Tracing and retention settings, under <c>Yiwang:HealthCodes</c> beside the code settings.</summary>
internal sealed class TracingOptions
{
    public const int MaxWindowMinutes = 24 * 60;

    /// <summary>Scans at one venue at most this many minutes apart count as an encounter (either way).</summary>
    public int TracingWindowMinutes { get; set; } = 30;

    /// <summary>How many days of the index person's scans are traced.</summary>
    public int TracingDays { get; set; } = 14;

    /// <summary>Scans are deleted this many days after they were made (the retention job); uploads of older scans are refused.</summary>
    public int ScanRetentionDays { get; set; } = 21;

    public int Window => Math.Clamp(TracingWindowMinutes, 1, MaxWindowMinutes);

    /// <summary>Tracing further back than the scans are kept would find nothing and look as if it had.</summary>
    public int Days => Math.Clamp(TracingDays, 1, Retention);

    public int Retention => Math.Max(1, ScanRetentionDays);
}
