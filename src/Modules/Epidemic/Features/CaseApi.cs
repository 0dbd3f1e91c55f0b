using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features;

/// <summary>The four categories over HTTP: each route calls its <see cref="CaseHandlers"/> handler, as the pages do.</summary>
internal static class CaseApi
{
    public static RouteGroupBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/epidemic/cases").WithTags("Epidemic / 四类人员");
        g.MapGet("/", async ([AsParameters] CaseHandlers.CaseQuery query, EpidemicContext cx, CancellationToken ct) =>
            (await CaseHandlers.ListAsync(cx, query, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/{id:guid}", async (Guid id, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct) =>
            (await CaseHandlers.GetAsync(id, cx, workflow, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapGet("/export.{format}", ExportAsync).RequireAuthorization(nameof(Permission.EpidemicRead));
        g.MapPost("/", async (CaseHandlers.CreateCase body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct) =>
            (await CaseHandlers.CreateAsync(body, cx, workflow, ct)).ToCreated(r => $"/api/epidemic/cases/{r.Id}"))
            .RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/{id:guid}/moves", async (Guid id, CaseHandlers.MoveCase body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct) =>
            (await CaseHandlers.MoveAsync(id, body, cx, workflow, ct)).ToOk()).RequireAuthorization(nameof(Permission.EpidemicWrite));
        g.MapPost("/{id:guid}/tests", AddTestAsync).RequireAuthorization(nameof(Permission.EpidemicWrite));
        return g;
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> AddTestAsync(
        Guid id, CaseHandlers.AddTest body, EpidemicContext cx, CaseWorkflow workflow, CancellationToken ct)
    {
        return (await CaseHandlers.AddTestAsync(id, body, cx, workflow, ct)).ToNoContent();
    }

    /// <summary>
    /// The list as CSV or XLSX with the same filters and scope, masked, streamed page by page (a district-wide
    /// list never sits in memory).
    /// </summary>
    internal static async Task<IResult> ExportAsync(
        string format, HttpContext http, [AsParameters] CaseHandlers.CaseQuery query, EpidemicContext cx, CancellationToken ct)
    {
        if (Downloads.FormatRefusal(format) is { } bad)
        {
            return Problems.From(bad);
        }

        // The first page checks the filters (a community outside the scope, an unknown category) before any byte is sent.
        if ((await CaseHandlers.ListAsync(cx, query with { Page = 1, PageSize = 1 }, ct)).Refusal is { } refusal)
        {
            return Problems.From(refusal);
        }

        async IAsyncEnumerable<CaseHandlers.CaseRow> All([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token = default)
        {
            for (var page = 1; ; page++)
            {
                var items = (await CaseHandlers.ListAsync(cx, query with { Page = page, PageSize = PageRequest.MaxSize }, token)).Value.Items;
                foreach (var row in items)
                {
                    yield return row;
                }

                if (items.Count < PageRequest.MaxSize)
                {
                    yield break;
                }
            }
        }

        cx.Db.Audit(new Kernel.Audit.AuditRecord("export", nameof(EpiCase), "*", $"{format} category={query.Category} community={query.Community}"));
        await cx.Db.SaveChangesAsync(ct);
        // Exported sheets are read on both sides of the language line: every header carries both names.
        static string Both(string key) => $"{EpidemicText.Of(key).Render(Text.Chinese)} {EpidemicText.Of(key).Render(Text.English)}";
        var (yes, no) = (Both("Export.Yes"), Both("Export.No"));
        (string, Func<CaseHandlers.CaseRow, string?>)[] columns =
        [
            (Both("Export.Name"), r => r.PersonName),
            (Both("Export.IdNumber"), r => r.IdNumberMasked),
            (Both("Export.Category"), r => r.Category),
            (Both("Export.State"), r => $"{r.StateZh} {r.StateEn}"),
            (Both("Export.Since"), r => Kernel.Time.DistrictTime.Show(r.StateSince)),
            (Both("Export.Community"), r => r.CommunityName),
            (Both("Export.CommunityCode"), r => r.CommunityCode),
            (Both("Export.Disease"), r => r.Disease),
            (Both("Export.Origin"), r => r.Origin),
            (Both("Export.Closed"), r => r.Closed ? yes : no),
        ];
        return await Downloads.WriteAsync(http, format, "four-categories", columns, All(ct), ct);
    }
}
