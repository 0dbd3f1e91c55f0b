namespace Yiwang.Host.Startup;

/// <summary>Whether start-up work (migrations, first-run seeding) has finished; /readyz reports it.</summary>
internal sealed class StartupState
{
    public volatile string? Problem = "starting / 启动中";
}
