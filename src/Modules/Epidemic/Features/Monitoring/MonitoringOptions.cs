namespace Yiwang.Epidemic.Features.Monitoring;

/// <summary>Settings under <c>Yiwang:Epidemic:Monitoring</c>.</summary>
internal sealed class MonitoringOptions
{
    public const string Section = "Yiwang:Epidemic:Monitoring";

    /// <summary>How often the missed-check job looks (it only ever raises a day once).</summary>
    public TimeSpan MissedCheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Time the responsible unit has for the follow-up work order.</summary>
    public TimeSpan WorkOrderDue { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Records per transaction: the district may have tens of thousands under observation.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How often closed records' isolation assignments are released.</summary>
    public TimeSpan ReleaseClosedInterval { get; set; } = TimeSpan.FromMinutes(1);
}
