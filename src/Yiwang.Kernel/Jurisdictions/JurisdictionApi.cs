using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Localization;
using Yiwang.Kernel.UseCases;
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
        g.MapGet("/", async (CurrentUser user, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct) =>
            (await GetAsync(user.Scope.Code, user, db, dir, ct)).ToOk());
        g.MapGet("/{code}", async (string code, CurrentUser user, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct) =>
            (await GetAsync(code, user, db, dir, ct)).ToOk());
        g.MapGet("/{code}/area", GetAreaAsync);
        return g;
    }

    internal static async Task<Result<UnitDetail>> GetAsync(
        string code, CurrentUser user, YiwangDbContext db, JurisdictionDirectory dir, CancellationToken ct)
    {
        if (Check(code, user) is { } refusal)
        {
            return refusal;
        }

        var j = await db.Jurisdictions.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        if (j is null)
        {
            return UnknownCode(code);
        }

        var path = (await dir.PathAsync(code, ct)).Where(u => user.Scope.Contains(u.Code) || u.Code == code).Select(Summary).ToList();
        var children = (await dir.ChildrenAsync(code, ct)).Select(Summary).ToList();
        return new UnitDetail(
            j.Code, j.Name, j.Level.ToString(), j.Kind, j.ParentCode, j.AlternateCode,
            j.CentroidLon, j.CentroidLat, j.AreaIsApproximate, path, children);
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAreaAsync(
        string code, CurrentUser user, YiwangDbContext db, CancellationToken ct)
    {
        if (Check(code, user) is { } refusal)
        {
            return Problems.From(refusal);
        }

        var j = await db.Jurisdictions.AsNoTracking()
            .Where(x => x.Code == code).Select(x => new { x.Code, x.Name, x.AreaGeoJson, x.AreaIsApproximate })
            .FirstOrDefaultAsync(ct);
        if (j is null)
        {
            return Problems.From(UnknownCode(code));
        }

        var feature = new JsonObject
        {
            ["type"] = "Feature",
            ["properties"] = new JsonObject
            {
                ["code"] = j.Code,
                ["name"] = j.Name,
                ["approximate"] = j.AreaIsApproximate,
                ["note"] = new Text(typeof(UiText), j.AreaIsApproximate ? "Jurisdiction.AreaApproximate" : "Jurisdiction.AreaOfficial").Bilingual(),
            },
            ["geometry"] = JsonNode.Parse(j.AreaGeoJson),
        };
        return TypedResults.Content(feature.ToJsonString(), "application/geo+json");
    }

    private static Refusal? Check(string code, CurrentUser user)
    {
        if (code.Length is not (6 or 9 or 12) || !code.All(char.IsAsciiDigit))
        {
            return Refusal.BadRequest(new Text(typeof(UiText), "Jurisdiction.BadCode", Clip(code)), "bad-jurisdiction-code");
        }

        return user.Scope.Contains(code) ? null : Refusal.NotFound(new Text(typeof(UiText), "Jurisdiction.OutsideScope"));
    }

    private static Refusal UnknownCode(string code) => Refusal.NotFound(new Text(typeof(UiText), "Jurisdiction.Unknown", code));

    private static string Clip(string s) => s.Length > 20 ? s[..20] + "…" : s;

    private static UnitSummary Summary(JurisdictionUnit u) => new(u.Code, u.Name, u.Level.ToString(), u.Kind);
}
