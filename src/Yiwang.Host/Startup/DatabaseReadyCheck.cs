using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yiwang.Kernel.Data;

namespace Yiwang.Host.Startup;

/// <summary>Ready means: the database answers, has every migration, and start-up work is done.</summary>
internal sealed class DatabaseReadyCheck(YiwangDbContext db, StartupState state) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable / 数据库无法连接");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                return HealthCheckResult.Unhealthy($"{pending.Count} migrations pending: run the migrate verb / 有 {pending.Count} 个迁移未执行");
            }

            return state.Problem is { } p ? HealthCheckResult.Unhealthy(p) : HealthCheckResult.Healthy(db.Provider.ToString());
        }
#pragma warning disable CA1031 // a readiness probe reports every failure instead of throwing
        catch (Exception e)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }
}
