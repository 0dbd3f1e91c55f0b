using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;

namespace Yiwang.Kernel.Jurisdictions;

public sealed record JurisdictionUnit(string Code, string Name, string? ParentCode, JurisdictionLevel Level, string Kind, string? AlternateCode);

/// <summary>The division tree in memory (702 units, fixed after seeding): what modules use instead of the kernel's tables.</summary>
public sealed class JurisdictionDirectory(IServiceScopeFactory scopes) : IDisposable
{
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private sealed record Snapshot(
        FrozenDictionary<string, JurisdictionUnit> ByCode,
        FrozenDictionary<string, JurisdictionUnit[]> Children);

    public async Task<JurisdictionUnit?> FindAsync(string code, CancellationToken ct) =>
        (await GetAsync(ct)).ByCode.GetValueOrDefault(code);

    public async Task<IReadOnlyList<JurisdictionUnit>> ChildrenAsync(string code, CancellationToken ct) =>
        (await GetAsync(ct)).Children.GetValueOrDefault(code) ?? [];

    public async Task<IReadOnlyList<JurisdictionUnit>> PathAsync(string code, CancellationToken ct)
    {
        var s = await GetAsync(ct);
        var path = new List<JurisdictionUnit>();
        for (var u = s.ByCode.GetValueOrDefault(code); u is not null; u = u.ParentCode is null ? null : s.ByCode.GetValueOrDefault(u.ParentCode))
        {
            path.Add(u);
        }

        path.Reverse();
        return path;
    }

    public async Task<IReadOnlyList<JurisdictionUnit>> CommunitiesInAsync(AccessScope scope, CancellationToken ct) =>
        [.. (await GetAsync(ct)).ByCode.Values.Where(u => u.Level == JurisdictionLevel.Community && scope.Contains(u.Code)).OrderBy(u => u.Code, StringComparer.Ordinal)];

    public void Dispose() => _gate.Dispose();

    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        if (_snapshot is { } s)
        {
            return s;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_snapshot is { } again)
            {
                return again;
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
            var units = await db.Jurisdictions.AsNoTracking()
                .Select(j => new JurisdictionUnit(j.Code, j.Name, j.ParentCode, j.Level, j.Kind, j.AlternateCode))
                .ToListAsync(ct);
            var snapshot = new Snapshot(
                units.ToFrozenDictionary(u => u.Code),
                units.Where(u => u.ParentCode is not null).GroupBy(u => u.ParentCode!)
                    .ToFrozenDictionary(g => g.Key, g => g.OrderBy(u => u.Code, StringComparer.Ordinal).ToArray()));
            if (units.Count > 0)
            {
                _snapshot = snapshot;
            }

            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }
}
