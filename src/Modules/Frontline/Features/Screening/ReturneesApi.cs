using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>
/// The key-region returnees list (重点地区返回人员): township and district officers record who came from a designated
/// key region. The identity number only finds the person in the registry; the list keeps the person id.
/// </summary>
internal static class ReturneesApi
{
    internal sealed record ReturneeRow(
        Guid Id, Guid PersonId, string Name, string IdNumberMasked, string CommunityCode, string? CommunityName, string RegionName,
        DateOnly ArrivalDate, DateOnly WatchedUntil, bool Watched, string? VehiclePlate, string RecordedBy);

    internal sealed record ReturneeInput(string? IdNumber, string? RegionName, DateOnly? ArrivalDate, string? VehiclePlate);

    public static RouteGroupBuilder MapReturneesApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/screening/returnees").WithTags("Frontline / 卡口");
        g.MapGet("/", async (bool? watched, int? page, int? pageSize, FrontlineContext c, IOptions<ScreeningOptions> o, CancellationToken ct) =>
            (await ListAsync(watched, page, pageSize, c, o.Value, ct)).ToOk()).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/", async (ReturneeInput body, FrontlineContext c, IOptions<ScreeningOptions> o, CancellationToken ct) =>
            (await CreateAsync(body, c, o.Value, ct)).ToCreated(_ => "/api/screening/returnees")).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapDelete("/{id:guid}", async (Guid id, FrontlineContext c, CancellationToken ct) =>
            (await DeleteAsync(id, c, ct)).ToNoContent()).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Entries in scope, newest arrival first; <paramref name="watched"/> = only those still in the observation window.</summary>
    internal static async Task<Result<Page<ReturneeRow>>> ListAsync(
        bool? watched, int? page, int? pageSize, FrontlineContext c, ScreeningOptions options, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var days = options.ObservationDays;
        var from = DistrictTime.Today(c.Clock).AddDays(-days);
        var q = c.Db.Set<Returnee>().AsNoTracking().InScope(c.User.Scope);
        if (watched == true)
        {
            q = q.Where(r => r.ArrivalDate >= from);
        }

        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(r => r.ArrivalDate).ThenBy(r => r.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var persons = await c.People.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var items = new List<ReturneeRow>(rows.Count);
        foreach (var r in rows)
        {
            var person = persons.GetValueOrDefault(r.PersonId);
            items.Add(await RowAsync(r, person?.Name ?? "?", person?.IdNumberMasked ?? "", from, days, c.Directory, ct));
        }

        return new Page<ReturneeRow>(items, total, p.Number, p.Size);
    }

    internal static async Task<Result<ReturneeRow>> CreateAsync(ReturneeInput body, FrontlineContext c, ScreeningOptions options, CancellationToken ct)
    {
        if (c.User.Scope.Level == JurisdictionLevel.Community || c.User.Scope == AccessScope.None)
        {
            return Refusal.Forbidden(FrontlineText.Of("Refusal_ReturneesRecordedBy"));
        }

        var today = DistrictTime.Today(c.Clock);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.IdNumber))
        {
            errors.Required("idNumber");
        }

        errors.PlainText("regionName", body.RegionName, 64, required: true);
        if (body.ArrivalDate is not { } arrival)
        {
            errors.Required("arrivalDate");
        }
        else if (arrival > today || arrival < today.AddDays(-90))
        {
            errors.Add("arrivalDate", FrontlineText.Of("Field_ArrivalDate"));
        }

        var plate = ScreeningScope.NormalizePlate(body.VehiclePlate);
        if (plate is not null && !ScreeningScope.IsPlate(plate))
        {
            errors.Add("vehiclePlate", FrontlineText.Of("Field_Plate"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var person = await c.People.FindByIdNumberAsync(body.IdNumber!.Trim(), ct);
        if (person is null || !c.User.Scope.Contains(person.CommunityCode))
        {
            // Outside the caller's unit answers as unknown: the registry's contents elsewhere are not revealed.
            return new Refusal(StatusCodes.Status404NotFound, "person-not-found", FrontlineText.Of("Refusal_ResidentNotFound"));
        }

        var region = body.RegionName!.Trim();
        if (await c.Db.Set<Returnee>().AnyAsync(r => r.PersonId == person.Id && r.ArrivalDate == body.ArrivalDate!.Value && r.RegionName == region, ct))
        {
            return Refusal.Conflict(FrontlineText.Of("Refusal_ReturneeDuplicate"));
        }

        var now = c.Clock.GetUtcNow();
        var r = new Returnee
        {
            Id = Guid.CreateVersion7(now),
            PersonId = person.Id,
            CommunityCode = person.CommunityCode,
            StreetCode = person.StreetCode,
            RegionName = region,
            ArrivalDate = body.ArrivalDate!.Value,
            VehiclePlate = plate,
            RecordedAt = now,
            RecordedBy = c.User.Actor,
        };
        c.Db.Add(r);
        await c.Db.SaveChangesAsync(ct);
        var days = options.ObservationDays;
        return await RowAsync(r, person.Name, person.IdNumberMasked, today.AddDays(-days), days, c.Directory, ct);
    }

    /// <summary>Removes an entry; the answer is its id.</summary>
    internal static async Task<Result<Guid>> DeleteAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        if (c.User.Scope.Level == JurisdictionLevel.Community)
        {
            return Refusal.Forbidden(FrontlineText.Of("Refusal_ReturneesKeptBy"));
        }

        var r = await c.Db.Set<Returnee>().InScope(c.User.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return Refusal.NotFound(FrontlineText.Of("Refusal_ReturneeNotInScope"));
        }

        c.Db.Remove(r);
        await c.Db.SaveChangesAsync(ct);
        return r.Id;
    }

    private static async Task<ReturneeRow> RowAsync(
        Returnee r, string name, string idNumberMasked, DateOnly watchedFrom, int days, JurisdictionDirectory dir, CancellationToken ct) =>
        new(r.Id, r.PersonId, name, idNumberMasked, r.CommunityCode, (await dir.FindAsync(r.CommunityCode, ct))?.Name, r.RegionName,
            r.ArrivalDate, r.ArrivalDate.AddDays(days), r.ArrivalDate >= watchedFrom, r.VehiclePlate, r.RecordedBy);
}
