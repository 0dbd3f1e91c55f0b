using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Data;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>Dashboard figure "frontline.checkpoints-on-duty": active checkpoints with a shift on duty now, per child unit.</summary>
internal sealed class CheckpointFigures(TimeProvider clock) : IUnitFigureSource
{
    public const string OnDuty = "frontline.checkpoints-on-duty";

    public IReadOnlyList<UnitFigureDefinition> Definitions { get; } = [FrontlineText.Figure(OnDuty, "Figure_CheckpointsOnDuty")];

    public async Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetUtcNow();
        // Shifts on now under the parent (index on ends_at, starts_at, unit_code): a few rows, grouped here.
        var rows = await db.Set<DutyShift>().AsNoTracking()
            .Where(s => s.EndsAt > now && s.StartsAt <= now && s.UnitCode.StartsWith(parentCode) && s.UnitCode.Length >= childCodeLength)
            .Join(db.Set<Checkpoint>().Where(c => c.Active), s => s.CheckpointId, c => c.Id, (s, c) => new { s.CheckpointId, s.UnitCode })
            .Distinct().ToListAsync(ct);
        return [.. rows.GroupBy(r => r.UnitCode[..childCodeLength], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new UnitFigure(OnDuty, g.Key, g.Select(r => r.CheckpointId).Distinct().LongCount()))];
    }
}
