using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Web;

namespace Yiwang.Kernel.Jurisdictions;

internal static class JurisdictionApi
{
    public sealed record UnitSummary(string Code, string Name, string Level, string Kind);

    public sealed record UnitDetail(
        string Code, string Name, string Level, string Kind, string? ParentCode, string? AlternateCode,
        double CentroidLon, double CentroidLat, bool AreaIsApproximate,
        IReadOnlyList<UnitSummary> Path, IReadOnlyList<UnitSummary> Children);

    public static RouteGroupBuilder MapJurisdictionApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/jurisdictions").WithTags("Jurisdictions / 行政区划")
            .RequireAuthorization(nameof(Permission.JurisdictionsRead));
        g.MapGet("/", (CurrentUser user, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct) =>
            GetAsync(user.Scope.Code, user, db, dir, ct));
        g.MapGet("/{code}", GetAsync);
        g.MapGet("/{code}/area", GetAreaAsync);
        return g;
    }

    /// <summary>A unit with its path from the district and its children; only inside the caller's scope.</summary>
    internal static async Task<Results<Ok<UnitDetail>, ProblemHttpResult>> GetAsync(
        string code, CurrentUser user, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct)
    {
        if (Check(code, user) is { } problem)
        {
            return problem;
        }

        var j = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (j is null)
        {
            return UnknownCode(code);
        }

        var path = (await dir.PathAsync(code, ct)).Where(u => user.Scope.Contains(u.Code) || u.Code == code).Select(Summary).ToList();
        var children = (await dir.ChildrenAsync(code, ct)).Select(Summary).ToList();
        return TypedResults.Ok(new UnitDetail(
            j.Code, j.Name, j.Level.ToString(), j.Kind, j.ParentCode, j.AlternateCode,
            j.CentroidLon, j.CentroidLat, j.AreaIsApproximate, path, children));
    }

    /// <summary>The unit's area as a GeoJSON Feature; <c>approximate</c> says it is derived, not official.</summary>
    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAreaAsync(
        string code, CurrentUser user, YiwangDbContext db, CancellationToken ct)
    {
        if (Check(code, user) is { } problem)
        {
            return problem;
        }

        var j = await db.Jurisdictions.AsNoTracking()
            .Where(x => x.Code == code).Select(x => new { x.Code, x.Name, x.AreaGeoJson, x.AreaIsApproximate })
            .FirstOrDefaultAsync(ct);
        if (j is null)
        {
            return UnknownCode(code);
        }

        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = j.Code,
                ["name"] = j.Name,
                ["approximate"] = j.AreaIsApproximate,
                ["note"] = j.AreaIsApproximate ? "近似范围，非官方边界 / Approximate area, not an official boundary" : "官方轮廓 / Official outline",
            },
            ["geometry"] = JsonNode.Parse(j.AreaGeoJson),
        };
        return TypedResults.Content(feature.ToJsonString(), "application/geo+json");
    }

    private static ProblemHttpResult? Check(string code, CurrentUser user)
    {
        if (code.Length is not (6 or 9 or 12) || !code.All(char.IsAsciiDigit))
        {
            return Problems.Status(400, $"区划代码格式错误：{Clip(code)}（应为 6、9 或 12 位数字）",
                $"Malformed jurisdiction code {Clip(code)} (6, 9 or 12 digits expected)", "bad-jurisdiction-code");
        }

        return user.Scope.Contains(code) ? null : OutsideScope();
    }

    private static ProblemHttpResult UnknownCode(string code) =>
        Problems.NotFound($"未知的区划代码：{code}", $"Unknown jurisdiction code {code}");

    private static ProblemHttpResult OutsideScope() =>
        Problems.NotFound("该区划不存在或不在您的辖区内", "No such unit in your jurisdiction");

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;

    private static UnitSummary Summary(JurisdictionUnit u) => new(u.Code, u.Name, u.Level.ToString(), u.Kind);
}
