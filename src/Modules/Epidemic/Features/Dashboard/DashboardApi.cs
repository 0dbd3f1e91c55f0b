using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Dashboard;

/// <summary>
/// The dashboard over HTTP: one level (GET /api/epidemic/dashboard), its change stamp (what a screen polls), its map
/// (GeoJSON) and its XLSX export. Every route starts at the caller's unit and refuses (404) a unit outside it.
/// </summary>
internal static class DashboardApi
{
    internal sealed record StampView(string Unit, string Disease, long Stamp);

    /// <summary>The unit and disease a request names, checked against the caller's scope.</summary>
    internal sealed record Target(JurisdictionUnit Unit, Disease Disease, DiseaseDefinition Definition);

    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/dashboard").WithTags("Epidemic / 疫情")
            .RequireAuthorization(nameof(Permission.DashboardRead));
        g.MapGet("/", async (string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct) =>
            (await GetAsync(unit, disease, user, query, ct)).ToOk());
        g.MapGet("/stamp", async (string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct) =>
            (await StampAsync(unit, disease, user, query, ct)).ToOk());
        g.MapGet("/map", MapAsync);
        g.MapGet("/export.xlsx", ExportAsync);
        return app;
    }

    public static async Task<Result<DashboardQuery.DashboardView>> GetAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        var target = await ResolveAsync(unit, disease, user, query, ct);
        return target.TryGet(out var t) ? await query.LoadAsync(t.Unit, user.Scope, t.Disease, t.Definition, ct) : target.Refusal!;
    }

    public static async Task<Result<StampView>> StampAsync(string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        var target = await ResolveAsync(unit, disease, user, query, ct);
        return target.TryGet(out var t)
            ? new StampView(t.Unit.Code, t.Disease.Code, await query.StampAsync(t.Disease.Code, t.Unit.Code, ct))
            : target.Refusal!;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> MapAsync(
        string? unit, CurrentUser user, DashboardQuery query, DashboardMaps maps, CancellationToken ct)
    {
        if (await query.UnitAsync(user.Scope, unit, ct) is not { } u)
        {
            return Problems.From(OutsideScope());
        }

        return TypedResults.Content(await maps.FeatureCollectionAsync(u, ct), "application/geo+json");
    }

    private static async Task<IResult> ExportAsync(
        string? unit, string? disease, CurrentUser user, DashboardQuery query, TimeProvider clock, CancellationToken ct)
    {
        var target = await ResolveAsync(unit, disease, user, query, ct);
        if (!target.TryGet(out var t))
        {
            return Problems.From(target.Refusal!);
        }

        var view = await query.LoadAsync(t.Unit, user.Scope, t.Disease, t.Definition, ct);
        var bytes = DashboardExport.Xlsx(view);
        var day = Kernel.Time.DistrictTime.Today(clock).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"dashboard-{t.Unit.Code}-{view.Disease}-{day}.xlsx");
    }

    private static async Task<Result<Target>> ResolveAsync(string? unit, string? disease, CurrentUser user, DashboardQuery query, CancellationToken ct)
    {
        if (unit is { Length: > 0 } && (unit.Length is not (6 or 9 or 12) || !unit.All(char.IsAsciiDigit)))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.BadJurisdictionCode"), "bad-jurisdiction-code");
        }

        if (await query.UnitAsync(user.Scope, unit, ct) is not { } u)
        {
            return OutsideScope();
        }

        if (await query.DiseaseAsync(disease, ct) is not { } d)
        {
            return Refusal.NotFound(EpidemicText.Of("Problem.NoSuchDisease"));
        }

        return new Target(u, d.Row, d.Definition);
    }

    private static Refusal OutsideScope() => Refusal.NotFound(EpidemicText.Of("Problem.UnitOutsideScope"));
}
