using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Contracts.Epidemic;

/// <summary>One number of one unit on the command dashboard, e.g. ("command.overdue", "420116001", 3).</summary>
public sealed record UnitFigure(string Figure, string UnitCode, long Value);

/// <summary>A figure a module contributes to the dashboard, with its labels.</summary>
public sealed record UnitFigureDefinition(string Figure, Yiwang.Kernel.UseCases.Text Label);

/// <summary>
/// A module's contribution to the three-level dashboard (overdue work, checkpoints on duty, supplies outstanding).
/// Jurisdiction codes nest by prefix, so a source counts its rows under <c>parentCode</c> grouped by the first
/// <c>childCodeLength</c> characters of their unit code (9 = townships, 12 = communities). Must answer from an
/// index in a few milliseconds: the dashboard has a 20 ms budget for all its figures.
/// </summary>
public interface IUnitFigureSource
{
    IReadOnlyList<UnitFigureDefinition> Definitions { get; }

    Task<IReadOnlyList<UnitFigure>> CountAsync(YiwangDbContext db, string parentCode, int childCodeLength, CancellationToken ct);
}
