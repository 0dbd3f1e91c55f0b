using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Risk;

/// <summary>GET /api/epidemic/risk: the stored risk grades of one disease and date, for the units in the caller's scope.</summary>
internal static class RiskApi
{
    internal sealed record RuleView(int WindowDays, int MediumAt, int HighAt, string CountCategory);

    internal sealed record UnitRisk(string Code, string Name, string Level, string Risk, int Count, DateTimeOffset ComputedAt);

    internal sealed record RiskView(
        string Disease, DateOnly Date, bool Computed, RuleView Rule, string Unit, string Level, bool AllGreen, IReadOnlyList<UnitRisk> Units);

    public static IEndpointRouteBuilder MapRiskApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/epidemic/risk", async (string? disease, string? date, EpidemicContext cx, CancellationToken ct) =>
            (await GetAsync(disease, date, cx, ct)).ToOk()).WithTags("Epidemic / 疫情")
            .RequireAuthorization(nameof(Permission.DashboardRead));
        return app;
    }

    public static async Task<Result<RiskView>> GetAsync(string? disease, string? date, EpidemicContext cx, CancellationToken ct)
    {
        var (db, catalog, user) = (cx.Db, cx.Catalog, cx.User);
        var d = disease is { Length: > 0 } code ? await catalog.FindAsync(db, code, ct) : await catalog.DefaultAsync(db, ct);
        if (d is not { } found)
        {
            return Refusal.NotFound(EpidemicText.Of("Problem.NoSuchDisease"));
        }

        var day = DistrictTime.Today(cx.Clock);
        if (date is { Length: > 0 } && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.BadDate"), "bad-date");
        }

        if (user.Scope == AccessScope.None)
        {
            return Refusal.NotFound(EpidemicText.Of("Problem.UnitOutsideScope"));
        }

        return await LoadAsync(db, cx.Directory, found.Row, found.Definition, user.Scope, day, ct);
    }

    /// <summary>The grades of the scope's unit and every unit inside it; units without a stored row are low.</summary>
    internal static async Task<RiskView> LoadAsync(
        YiwangDbContext db, JurisdictionDirectory directory, Disease disease, DiseaseDefinition definition, AccessScope scope, DateOnly day, CancellationToken ct)
    {
        var prefix = scope.Code;
        var rows = await db.Set<RiskGrade>().AsNoTracking()
            .Where(r => r.DiseaseCode == disease.Code && r.Date == day && r.UnitCode.StartsWith(prefix))
            .ToDictionaryAsync(r => r.UnitCode, ct);
        var units = new List<UnitRisk>();
        async Task AddAsync(JurisdictionUnit u)
        {
            var r = rows.GetValueOrDefault(u.Code);
            units.Add(new UnitRisk(u.Code, u.Name, u.Level.ToString(), (r?.Level ?? RiskLevel.Low).ToString(), r?.Count ?? 0, r?.ComputedAt ?? default));
            foreach (var child in await directory.ChildrenAsync(u.Code, ct))
            {
                await AddAsync(child);
            }
        }

        if (await directory.FindAsync(prefix, ct) is { } root)
        {
            await AddAsync(root);
        }

        var rule = definition.Risk;
        var own = units.FirstOrDefault();
        return new RiskView(
            disease.Code, day, rows.Count > 0, new RuleView(rule.WindowDays, rule.MediumAt, rule.HighAt, rule.CountCategory.ToString()),
            prefix, own?.Risk ?? nameof(RiskLevel.Low), units.All(u => u.Risk == nameof(RiskLevel.Low)), units);
    }
}
