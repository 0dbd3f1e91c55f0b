using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>
/// The dashboard over HTTP: one level (GET /api/epidemic/dashboard), its change stamp (what a screen polls), its map
/// (GeoJSON) and its XLSX export. Every route starts at the caller's unit and refuses (404) a unit outside it.
/// </summary>
internal static class DashboardApi
{
    internal sealed record StampView(string Unit, string Disease, long Stamp);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/dashboard").WithTags("Epidemic / 疫情")
            .RequireAuthorization(nameof(Permission.DashboardRead));
        g.MapGet("/", GetAsync);
        g.MapGet("/stamp", StampAsync);
        g.MapGet("/map", MapAsync);
        g.MapGet("/export.xlsx", ExportAsync);
        return app;
    }

    internal static async Task<Results<Ok<DashboardQuery.DashboardView>, ProblemHttpResult>> GetAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        var (u, d, problem) = await ResolveAsync(unit, disease, user, query, ct);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(await query.LoadAsync(u!, user.Scope, d!.Value.Row, d.Value.Definition, ct));
    }

    internal static async Task<Results<Ok<StampView>, ProblemHttpResult>> StampAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        var (u, d, problem) = await ResolveAsync(unit, disease, user, query, ct);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(new StampView(u!.Code, d!.Value.Row.Code, await query.StampAsync(d.Value.Row.Code, u.Code, ct)));
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> MapAsync(
        string? unit, CurrentUser user, DashboardQuery query, DashboardMaps maps, CancellationToken ct)
    {
        if (await query.UnitAsync(user.Scope, unit, ct) is not { } u)
        {
            return OutsideScope();
        }

        return TypedResults.Content(await maps.FeatureCollectionAsync(u, ct), "application/geo+json");
    }

    internal static async Task<IResult> ExportAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, TimeProvider clock, CancellationToken ct)
    {
        var (u, d, problem) = await ResolveAsync(unit, disease, user, query, ct);
        if (problem is not null)
        {
            return problem;
        }

        var view = await query.LoadAsync(u!, user.Scope, d!.Value.Row, d.Value.Definition, ct);
        var bytes = DashboardExport.Xlsx(view);
        var day = Kernel.Time.DistrictTime.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dashboard-{u!.Code}-{view.Disease}-{day}.xlsx");
    }

    private static async Task<(Kernel.Jurisdictions.JurisdictionUnit? Unit, (Domain.Disease Row, Domain.DiseaseDefinition Definition)? Disease, ProblemHttpResult? Problem)> ResolveAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        if (unit is { Length: > 0 } && (unit.Length is not (6 or 9 or 12) || !unit.All(char.IsAsciiDigit)))
        {
            return (null, null, Problems.Status(400, "区划代码格式错误（应为 6、9 或 12 位数字）", "Malformed jurisdiction code (6, 9 or 12 digits expected)", "bad-jurisdiction-code"));
        }

        if (await query.UnitAsync(user.Scope, unit, ct) is not { } u)
        {
            return (null, null, OutsideScope());
        }

        if (await query.DiseaseAsync(disease, ct) is not { } d)
        {
            return (null, null, Problems.NotFound("疾病不存在", "Unknown disease"));
        }

        return (u, d, null);
    }

    private static ProblemHttpResult OutsideScope() =>
        Problems.NotFound("该区划不存在或不在您的辖区内", "No such unit in your jurisdiction");
}
