using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// Sightings of returnees (比对记录), for returnee verification only. Every read — a list page or one record — writes
/// an audit entry before the data leaves.
/// </summary>
internal static class SightingsApi
{
    internal sealed record SightingRow(
        Guid Id, Guid PersonId, string Name, string CommunityCode, string? CommunityName, string Source, string Sender, string DeviceId,
        string? Location, Guid? CheckpointId, DateTimeOffset SeenAt, string Purpose, Guid WorkOrderId, string RegionName, DateOnly? ArrivalDate);

    public static RouteGroupBuilder MapSightingsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/screening/sightings").WithTags("Frontline / 卡口").RequireAuthorization(nameof(Permission.SightingsRead));
        g.MapGet("/", async (int? page, int? pageSize, FrontlineContext c, CancellationToken ct) =>
            (await ListAsync(page, pageSize, c, ct)).ToOk());
        g.MapGet("/{id:guid}", async (Guid id, FrontlineContext c, CancellationToken ct) => (await GetAsync(id, c, ct)).ToOk());
        return g;
    }

    internal static async Task<Result<Page<SightingRow>>> ListAsync(int? page, int? pageSize, FrontlineContext c, CancellationToken ct)
    {
        var (db, user) = (c.Db, c.User);
        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<Sighting>().AsNoTracking().InScope(user.Scope);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(s => s.SeenAt).ThenBy(s => s.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        db.Audit(new AuditRecord("read", nameof(Sighting), null,
            $"list; scope={user.Scope.Code}; page={p.Number}; rows={rows.Count}; ids={string.Join(',', rows.Select(r => r.Id))}", Sighting.PurposeReturneeScreening));
        await db.SaveChangesAsync(ct);
        return new Page<SightingRow>(await RowsAsync(db, c.People, c.Directory, rows, ct), total, p.Number, p.Size);
    }

    internal static async Task<Result<SightingRow>> GetAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        var (db, user) = (c.Db, c.User);
        var s = await db.Set<Sighting>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null)
        {
            return Refusal.NotFound(FrontlineText.Of("Refusal_SightingNotInScope"));
        }

        db.Audit(new AuditRecord("read", nameof(Sighting), s.Id.ToString(), $"detail; person={s.PersonId}", Sighting.PurposeReturneeScreening));
        await db.SaveChangesAsync(ct);
        return (await RowsAsync(db, c.People, c.Directory, [s], ct))[0];
    }

    private static async Task<List<SightingRow>> RowsAsync(
        YiwangDbContext db, IPersonDirectory people, JurisdictionDirectory dir, List<Sighting> rows, CancellationToken ct)
    {
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var senderIds = rows.Select(r => r.SenderId).Distinct().ToList();
        var senders = await db.Set<ScreeningSender>().AsNoTracking().Where(x => senderIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Code, ct);
        var returneeIds = rows.Select(r => r.ReturneeId).Distinct().ToList();
        var returnees = await db.Set<Returnee>().AsNoTracking().Where(x => returneeIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var list = new List<SightingRow>(rows.Count);
        foreach (var s in rows)
        {
            var r = returnees.GetValueOrDefault(s.ReturneeId);
            list.Add(new SightingRow(s.Id, s.PersonId, persons.GetValueOrDefault(s.PersonId)?.Name ?? "?", s.CommunityCode,
                (await dir.FindAsync(s.CommunityCode, ct))?.Name, s.Source.ToString(), senders.GetValueOrDefault(s.SenderId) ?? "?", s.DeviceId,
                s.Location, s.CheckpointId, s.SeenAt, s.Purpose, s.WorkOrderId, r?.RegionName ?? "", r?.ArrivalDate));
        }

        return list;
    }
}
