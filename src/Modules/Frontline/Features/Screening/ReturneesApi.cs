using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
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
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Entries in scope, newest arrival first; <paramref name="watched"/> = only those still in the observation window.</summary>
    internal static async Task<Ok<Page<ReturneeRow>>> ListAsync(
        YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, TimeProvider clock,
        IOptions<ScreeningOptions> options, bool? watched, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var days = options.Value.ObservationDays;
        var today = DistrictTime.Today(clock);
        var from = today.AddDays(-days);
        var q = db.Set<Returnee>().AsNoTracking().InScope(user.Scope);
        if (watched == true)
        {
            q = q.Where(r => r.ArrivalDate >= from);
        }

        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(r => r.ArrivalDate).ThenBy(r => r.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var persons = await people.FindManyAsync([.. rows.Select(r => r.PersonId)], ct);
        var items = new List<ReturneeRow>(rows.Count);
        foreach (var r in rows)
        {
            var person = persons.GetValueOrDefault(r.PersonId);
            items.Add(new ReturneeRow(r.Id, r.PersonId, person?.Name ?? "?", person?.IdNumberMasked ?? "", r.CommunityCode,
                (await dir.FindAsync(r.CommunityCode, ct))?.Name, r.RegionName, r.ArrivalDate, r.ArrivalDate.AddDays(days),
                r.ArrivalDate >= from, r.VehiclePlate, r.RecordedBy));
        }

        return TypedResults.Ok(new Page<ReturneeRow>(items, total, p.Number, p.Size));
    }

    internal static async Task<Results<Created<ReturneeRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ReturneeInput body, YiwangDbContext db, CurrentUser user, IPersonDirectory people, JurisdictionDirectory dir, TimeProvider clock,
        IOptions<ScreeningOptions> options, CancellationToken ct)
    {
        if (user.Scope.Level == JurisdictionLevel.Community || user.Scope == AccessScope.None)
        {
            return Problems.Forbidden("重点地区返回人员由街道/乡镇或区级录入", "Returnees are recorded by township or district officers");
        }

        var today = DistrictTime.Today(clock);
        var errors = new FieldErrors();
        if (string.IsNullOrWhiteSpace(body.IdNumber))
        {
            errors.Add("idNumber", "必填", "Required");
        }

        errors.PlainText("regionName", body.RegionName, 64, required: true);
        if (body.ArrivalDate is not { } arrival)
        {
            errors.Add("arrivalDate", "必填", "Required");
        }
        else if (arrival > today || arrival < today.AddDays(-90))
        {
            errors.Add("arrivalDate", "抵达日期应在最近 90 天内，且不晚于今天", "The arrival date must be within the last 90 days and not in the future");
        }

        var plate = ScreeningScope.NormalizePlate(body.VehiclePlate);
        if (plate is not null && !ScreeningScope.IsPlate(plate))
        {
            errors.Add("vehiclePlate", "车牌格式不正确（如 鄂A12345）", "Not a vehicle plate (e.g. 鄂A12345)");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var person = await people.FindByIdNumberAsync(body.IdNumber!.Trim(), ct);
        if (person is null || !user.Scope.Contains(person.CommunityCode))
        {
            // Outside the caller's unit answers as unknown: the registry's contents elsewhere are not revealed.
            return Problems.Status(StatusCodes.Status404NotFound, "人口库中未找到该身份证号的辖区居民", "No resident of your jurisdiction has this identity number", "person-not-found");
        }

        var region = body.RegionName!.Trim();
        if (await db.Set<Returnee>().AnyAsync(r => r.PersonId == person.Id && r.ArrivalDate == body.ArrivalDate!.Value && r.RegionName == region, ct))
        {
            return Problems.Conflict("该人员的这次返回已登记", "This return of this person is already on the list");
        }

        var now = clock.GetUtcNow();
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
            RecordedBy = user.Actor,
        };
        db.Add(r);
        await db.SaveChangesAsync(ct);
        var days = options.Value.ObservationDays;
        return TypedResults.Created("/api/screening/returnees", new ReturneeRow(r.Id, r.PersonId, person.Name, person.IdNumberMasked, r.CommunityCode,
            (await dir.FindAsync(r.CommunityCode, ct))?.Name, r.RegionName, r.ArrivalDate, r.ArrivalDate.AddDays(days),
            r.ArrivalDate >= today.AddDays(-days), r.VehiclePlate, r.RecordedBy));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        if (user.Scope.Level == JurisdictionLevel.Community)
        {
            return Problems.Forbidden("重点地区返回人员由街道/乡镇或区级维护", "Returnees are kept by township or district officers");
        }

        var r = await db.Set<Returnee>().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null)
        {
            return Problems.NotFound("该记录不存在或不在您的辖区内", "No such entry in your jurisdiction");
        }

        db.Remove(r);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
