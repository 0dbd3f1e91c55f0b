using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>GeoJSON per unit: children's areas and the unit's outline (<c>role: "outline"</c>). Areas never change after
/// seeding, so each collection is built once and kept.</summary>
internal sealed class DashboardMaps(IServiceScopeFactory scopes, JurisdictionDirectory directory)
{
    private readonly ConcurrentDictionary<string, string> _maps = new(StringComparer.Ordinal);

    public async Task<string> FeatureCollectionAsync(JurisdictionUnit unit, CancellationToken ct)
    {
        if (_maps.TryGetValue(unit.Code, out var cached))
        {
            return cached;
        }

        IReadOnlyList<JurisdictionUnit> children = unit.Level == JurisdictionLevel.Community ? [] : await directory.ChildrenAsync(unit.Code, ct);
        var codes = children.Select(c => c.Code).Append(unit.Code).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<YiwangDbContext>();
        var areas = await db.Jurisdictions.AsNoTracking().Where(j => codes.Contains(j.Code))
            .Select(j => new { j.Code, j.Name, j.AreaGeoJson, j.AreaIsApproximate })
            .ToDictionaryAsync(j => j.Code, StringComparer.Ordinal, ct);
        var features = new JsonArray();
        JsonObject Feature(string code, string role)
        {
            var a = areas[code];
            return new JsonObject
            {
                ["type"] = "Feature",
                ["properties"] = new JsonObject { ["code"] = a.Code, ["name"] = role == "outline" ? "__outline" : a.Code, ["label"] = a.Name, ["role"] = role, ["approximate"] = a.AreaIsApproximate },
                ["geometry"] = JsonNode.Parse(a.AreaGeoJson),
            };
        }

        // The outline first, so the children are drawn over it and take the clicks.
        features.Add(Feature(unit.Code, "outline"));
        foreach (var c in children.Where(c => areas.ContainsKey(c.Code)))
        {
            features.Add(Feature(c.Code, "unit"));
        }

        if (unit.Level == JurisdictionLevel.Community)
        {
            features.Add(Feature(unit.Code, "unit"));
        }
        var json = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features }.ToJsonString();
        _maps[unit.Code] = json;
        return json;
    }
}
