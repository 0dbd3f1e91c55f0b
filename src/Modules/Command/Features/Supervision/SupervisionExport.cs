using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using MiniExcelLibs;
using Yiwang.Command.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features.Supervision;

/// <summary>The supervision ranking as a download: CSV (UTF-8 with BOM, for Excel) or XLSX. Endpoint only.</summary>
internal static class SupervisionExport
{
    private static readonly string[] HeaderKeys =
        ["Rank", "UnitCode", "Unit", "Overdue", "Open", "Done", "Due", "DoneOnTime", "CompletionRate", "Total"];

    public static async Task<IResult> ExportAsync(
        string format, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return Problems.From(Refusal.BadRequest(CommandText.Of("Refusal.BadFormat"), "bad-format"));
        }

        var s = (await SupervisionRanking.HandleAsync(db, user, dir, clock, ct)).Value;
        db.Audit(new AuditRecord("export", "Supervision", s.UnitCode, format));
        await db.SaveChangesAsync(ct);
        // The file goes to whoever opens it: both languages in every header, Chinese first.
        var headers = HeaderKeys.Select(k => BothLanguages("Export." + k)).ToArray();
        var rows = s.Units.Select(r => new string[]
        {
            r.Rank.ToString(CultureInfo.InvariantCulture), r.UnitCode, r.UnitName, N(r.Overdue), N(r.Open), N(r.Done), N(r.Due), N(r.DoneOnTime),
            r.CompletionRate is { } rate ? rate.ToString("P1", CultureInfo.InvariantCulture) : "", N(r.Total),
        }).ToList();
        var name = $"supervision-{s.UnitCode}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        if (format == "csv")
        {
            var sb = new StringBuilder("\uFEFF");
            foreach (var line in rows.Prepend(headers))
            {
                sb.Append(string.Join(',', line.Select(Csv))).Append("\r\n");
            }

            return TypedResults.File(Encoding.UTF8.GetBytes(sb.ToString()), "text/csv; charset=utf-8");
        }

        var sheet = rows.Select(r => (IDictionary<string, object>)headers.Select((h, i) => (h, (object)r[i])).ToDictionary(x => x.h, x => x.Item2));
        using var ms = new MemoryStream();
        await ms.SaveAsAsync(sheet, sheetName: BothLanguages("Export.Sheet"), cancellationToken: ct);
        return TypedResults.File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    private static string BothLanguages(string key)
    {
        var text = CommandText.Of(key);
        return text.Render(Text.Chinese) + " " + text.Render(Text.English);
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
