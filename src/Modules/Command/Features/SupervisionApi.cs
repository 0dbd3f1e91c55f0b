using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yiwang.Command.Data;
using Yiwang.Command.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Command.Features;

/// <summary>
/// 督查: the children of the caller's unit ranked by overdue work, then by completion rate (done on time / all
/// due). Counted by the unit the work was dispatched to (escalation does not hide a unit's lateness), with one
/// GROUP BY over the (OriginalUnitCode, Status, DueAt) index range of the caller's subtree.
/// </summary>
internal static class SupervisionApi
{
    /// <param name="Due">Not cancelled, and either done or past its original due time.</param>
    /// <param name="DoneOnTime">Done no later than its original due time.</param>
    /// <param name="CompletionRate">DoneOnTime / Due, null when nothing is due yet.</param>
    internal sealed record SupervisionRow(
        int Rank, string UnitCode, string UnitName, long Total, long Open, long Overdue, long Done, long Due, long DoneOnTime, double? CompletionRate);

    internal sealed record Supervision(string UnitCode, string UnitName, DateTimeOffset At, IReadOnlyList<SupervisionRow> Units);

    internal static async Task<Ok<Supervision>> GetAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await ComputeAsync(db, user.Scope, dir, clock.GetUtcNow(), ct));

    internal static async Task<Supervision> ComputeAsync(
        YiwangDbContext db, AccessScope scope, JurisdictionDirectory dir, DateTimeOffset now, CancellationToken ct)
    {
        var self = await dir.FindAsync(scope.Code, ct);
        if (self is null)
        {
            return new Supervision(scope.Code, "", now, []);
        }

        var children = await dir.ChildrenAsync(self.Code, ct);
        IReadOnlyList<JurisdictionUnit> units = children.Count > 0 ? children : [self];
        var length = units[0].Code.Length;
        var counts = await db.Set<WorkOrder>().AsNoTracking().OriginalUnitUnder(self.Code)
            .GroupBy(w => w.OriginalUnitCode.Substring(0, length))
            .Select(g => new
            {
                Unit = g.Key,
                Total = g.Sum(w => w.Status != WorkOrderStatus.Cancelled ? 1 : 0),
                Open = g.Sum(w => w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress ? 1 : 0),
                Overdue = g.Sum(w => (w.Status == WorkOrderStatus.Open || w.Status == WorkOrderStatus.InProgress) && w.DueAt < now ? 1 : 0),
                Done = g.Sum(w => w.Status == WorkOrderStatus.Done ? 1 : 0),
                Due = g.Sum(w => w.Status == WorkOrderStatus.Done || (w.Status != WorkOrderStatus.Cancelled && w.OriginalDueAt <= now) ? 1 : 0),
                OnTime = g.Sum(w => w.Status == WorkOrderStatus.Done && w.CompletedAt <= w.OriginalDueAt ? 1 : 0),
            })
            .ToListAsync(ct);
        var byUnit = counts.ToDictionary(c => c.Unit);
        var rows = units.Select(u =>
            {
                var c = byUnit.GetValueOrDefault(u.Code);
                return c is null
                    ? new SupervisionRow(0, u.Code, u.Name, 0, 0, 0, 0, 0, 0, null)
                    : new SupervisionRow(0, u.Code, u.Name, c.Total, c.Open, c.Overdue, c.Done, c.Due, c.OnTime,
                        c.Due == 0 ? null : Math.Round((double)c.OnTime / c.Due, 4));
            })
            .OrderByDescending(r => r.Overdue)
            .ThenBy(r => r.CompletionRate ?? 2.0)
            .ThenByDescending(r => r.Open)
            .ThenBy(r => r.UnitCode, StringComparer.Ordinal)
            .Select((r, i) => r with { Rank = i + 1 })
            .ToList();
        return new Supervision(self.Code, self.Name, now, rows);
    }

    /// <summary>The same ranking as CSV (UTF-8 with BOM, for Excel) or XLSX.</summary>
    internal static async Task<IResult> ExportAsync(
        string format, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return Problems.Status(400, "格式应为 csv 或 xlsx", "Format must be csv or xlsx", "bad-format");
        }

        var s = await ComputeAsync(db, user.Scope, dir, clock.GetUtcNow(), ct);
        db.Audit(new AuditRecord("export", "Supervision", s.UnitCode, format));
        await db.SaveChangesAsync(ct);
        string[] headers =
        [
            "排名 Rank", "单位代码 Unit code", "单位 Unit", "超期 Overdue", "在办 Open", "已办结 Done", "应办结 Due", "按期办结 Done on time",
            "按期办结率 Completion rate", "工单总数 Total",
        ];
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
        await ms.SaveAsAsync(sheet, sheetName: "督查 Supervision", cancellationToken: ct);
        return TypedResults.File(ms.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    private static string N(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Csv(string s) => s.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
