using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>Checkpoints (驻点设卡) over HTTP: sites, duty rosters and passage logs, inside the caller's unit.</summary>
internal static class CheckpointsApi
{
    internal sealed record CheckpointRow(
        Guid Id, string Name, string Kind, string UnitCode, string? UnitName, double? Latitude, double? Longitude, bool Active, bool OnDuty);

    internal sealed record StaffView(string Name, string Role);

    internal sealed record ShiftView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, bool Now, IReadOnlyList<StaffView> Staff);

    internal sealed record CheckpointDetail(CheckpointRow Checkpoint, IReadOnlyList<ShiftView> Roster);

    internal sealed record PassageRow(
        Guid Id, DateTimeOffset At, string Direction, string? VehiclePlate, int Persons, string Temperature, string? Note, string RecordedBy);

    internal sealed record CheckpointInput(string? Name, string? Kind, string? UnitCode, double? Latitude, double? Longitude, bool? Active);

    internal sealed record StaffInput(string? Name, string? Role);

    internal sealed record ShiftInput(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, IReadOnlyList<StaffInput>? Staff);

    internal sealed record PassageInput(
        DateTimeOffset? At, string? Direction, string? VehiclePlate, int? Persons, string? Temperature, string? Note);

    public static RouteGroupBuilder MapCheckpointsApi(this IEndpointRouteBuilder app)
    {
        var g = app.MapGroup("/api/checkpoints").WithTags("Frontline / 卡口");
        g.MapGet("/", ListAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/", CreateAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/{id:guid}", GetAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapPost("/{id:guid}/shifts", AddShiftAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapDelete("/{id:guid}/shifts/{shiftId:guid}", DeleteShiftAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        g.MapGet("/{id:guid}/passages", PassagesAsync).RequireAuthorization(nameof(Permission.FrontlineRead));
        g.MapPost("/{id:guid}/passages", AddPassageAsync).RequireAuthorization(nameof(Permission.FrontlineWrite));
        return g;
    }

    /// <summary>Checkpoints in scope, by name, each with whether a shift is on duty now.</summary>
    internal static async Task<Ok<Page<CheckpointRow>>> ListAsync(
        YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope);
        if (!string.IsNullOrWhiteSpace(q) && q.Trim().Length <= 50)
        {
            var term = q.Trim();
            query = query.Where(c => c.Name.Contains(term));
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderBy(c => c.UnitCode).ThenBy(c => c.Name).ThenBy(c => c.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var onDuty = await OnDutyAsync(db, [.. rows.Select(c => c.Id)], clock.GetUtcNow(), ct);
        var items = new List<CheckpointRow>(rows.Count);
        foreach (var c in rows)
        {
            items.Add(await RowAsync(c, dir, onDuty.Contains(c.Id), ct));
        }

        return TypedResults.Ok(new Page<CheckpointRow>(items, total, p.Number, p.Size));
    }

    internal static async Task<Results<Ok<CheckpointDetail>, ProblemHttpResult>> GetAsync(
        Guid id, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotInScope();
        }

        var now = clock.GetUtcNow();
        // The roster from yesterday on: what is on now and what comes next.
        var from = now.AddDays(-1);
        var shifts = await db.Set<DutyShift>().AsNoTracking().Include(s => s.Staff).Where(s => s.CheckpointId == id && s.EndsAt > from)
            .OrderBy(s => s.StartsAt).Take(100).ToListAsync(ct);
        var roster = shifts.Select(s => new ShiftView(s.Id, s.StartsAt, s.EndsAt, s.StartsAt <= now && now < s.EndsAt,
            [.. s.Staff.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new StaffView(x.Name, x.Role))])).ToList();
        return TypedResults.Ok(new CheckpointDetail(await RowAsync(c, dir, roster.Any(s => s.Now), ct), roster));
    }

    internal static async Task<Results<Created<CheckpointRow>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CheckpointInput body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = Check(body, errors);
        JurisdictionUnit? unit = null;
        if (string.IsNullOrWhiteSpace(body.UnitCode))
        {
            errors.Add("unitCode", "必填", "Required");
        }
        else
        {
            unit = await dir.FindAsync(body.UnitCode.Trim(), ct);
            if (unit is null || unit.Level == JurisdictionLevel.District)
            {
                errors.Add("unitCode", "应为街道/乡镇或社区/村代码", "Must be a township or community code");
                unit = null;
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (!user.Scope.Contains(unit!.Code))
        {
            return Problems.Forbidden("不能在辖区以外设卡", "You cannot set up a checkpoint outside your jurisdiction");
        }

        var now = clock.GetUtcNow();
        var c = new Checkpoint
        {
            Id = Guid.CreateVersion7(now),
            Name = body.Name!.Trim(),
            Kind = kind!.Value,
            UnitCode = unit.Code,
            Latitude = body.Latitude,
            Longitude = body.Longitude,
            Active = body.Active ?? true,
            CreatedAt = now,
            CreatedBy = user.Actor,
        };
        db.Add(c);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/checkpoints/{c.Id}", await RowAsync(c, dir, false, ct));
    }

    /// <summary>Renames, moves on the map, changes kind or (de)activates a checkpoint; its unit stays.</summary>
    internal static async Task<Results<Ok<CheckpointRow>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, CheckpointInput body, YiwangDbContext db, CurrentUser user, JurisdictionDirectory dir, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<Checkpoint>().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotInScope();
        }

        var errors = new FieldErrors();
        var kind = Check(body, errors);
        if (!string.IsNullOrWhiteSpace(body.UnitCode) && body.UnitCode.Trim() != c.UnitCode)
        {
            errors.Add("unitCode", "卡口的责任单位不能更改，请新建卡口", "A checkpoint's unit cannot change; create a new checkpoint");
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        c.Name = body.Name!.Trim();
        c.Kind = kind!.Value;
        c.Latitude = body.Latitude;
        c.Longitude = body.Longitude;
        c.Active = body.Active ?? c.Active;
        await db.SaveChangesAsync(ct);
        var onDuty = await OnDutyAsync(db, [c.Id], clock.GetUtcNow(), ct);
        return TypedResults.Ok(await RowAsync(c, dir, onDuty.Contains(c.Id), ct));
    }

    internal static async Task<Results<Created<ShiftView>, ValidationProblem, ProblemHttpResult>> AddShiftAsync(
        Guid id, ShiftInput body, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotInScope();
        }

        var errors = new FieldErrors();
        if (body.StartsAt is null)
        {
            errors.Add("startsAt", "必填", "Required");
        }

        if (body.EndsAt is null)
        {
            errors.Add("endsAt", "必填", "Required");
        }

        if (body.StartsAt is { } s0 && body.EndsAt is { } e0 && (e0 <= s0 || e0 - s0 > TimeSpan.FromHours(24)))
        {
            errors.Add("endsAt", "结束时间应晚于开始时间，且一班不超过 24 小时", "The end must be after the start, and a shift lasts 24 hours at most");
        }

        var staff = body.Staff ?? [];
        if (staff.Count is 0 or > 20)
        {
            errors.Add("staff", "每班须有 1 至 20 名值守人员", "A shift has 1 to 20 staff");
        }

        for (var i = 0; i < staff.Count && i < 20; i++)
        {
            errors.PlainText($"staff[{i}].name", staff[i].Name, 32, required: true);
            errors.PlainText($"staff[{i}].role", staff[i].Role, 32, required: true);
            if (staff[i].Name is { } n && n.Count(char.IsAsciiDigit) >= 6)
            {
                errors.Add($"staff[{i}].name", "值班表只写姓名，不写证件号码", "Rosters hold names only, no identity numbers");
            }
        }

        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var now = clock.GetUtcNow();
        var shift = new DutyShift
        {
            Id = Guid.CreateVersion7(now),
            CheckpointId = c.Id,
            UnitCode = c.UnitCode,
            StartsAt = body.StartsAt!.Value.ToUniversalTime(),
            EndsAt = body.EndsAt!.Value.ToUniversalTime(),
            CreatedAt = now,
            CreatedBy = user.Actor,
        };
        shift.Staff = [.. staff.Select(x => new DutyStaff { Id = Guid.CreateVersion7(now), ShiftId = shift.Id, Name = x.Name!.Trim(), Role = x.Role!.Trim() })];
        db.Add(shift);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/checkpoints/{c.Id}", new ShiftView(shift.Id, shift.StartsAt, shift.EndsAt,
            shift.StartsAt <= now && now < shift.EndsAt, [.. shift.Staff.Select(x => new StaffView(x.Name, x.Role))]));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteShiftAsync(
        Guid id, Guid shiftId, YiwangDbContext db, CurrentUser user, CancellationToken ct)
    {
        var visible = await db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope).AnyAsync(x => x.Id == id, ct);
        var shift = visible ? await db.Set<DutyShift>().Include(s => s.Staff).FirstOrDefaultAsync(s => s.Id == shiftId && s.CheckpointId == id, ct) : null;
        if (shift is null)
        {
            return NotInScope();
        }

        db.Remove(shift);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<Page<PassageRow>>, ProblemHttpResult>> PassagesAsync(
        Guid id, YiwangDbContext db, CurrentUser user, int? page, int? pageSize, CancellationToken ct)
    {
        if (!await db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope).AnyAsync(x => x.Id == id, ct))
        {
            return NotInScope();
        }

        var p = PageRequest.Of(page, pageSize);
        var q = db.Set<PassageLog>().AsNoTracking().Where(x => x.CheckpointId == id);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Skip(p.Skip).Take(p.Size)
            .Select(x => new PassageRow(x.Id, x.At, x.Direction.ToString(), x.VehiclePlate, x.Persons, x.Temperature.ToString(), x.Note, x.RecordedBy))
            .ToListAsync(ct);
        return TypedResults.Ok(new Page<PassageRow>(rows, total, p.Number, p.Size));
    }

    internal static async Task<Results<Created<PassageRow>, ValidationProblem, ProblemHttpResult>> AddPassageAsync(
        Guid id, PassageInput body, YiwangDbContext db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Set<Checkpoint>().AsNoTracking().InScope(user.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return NotInScope();
        }

        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        var at = (body.At ?? now).ToUniversalTime();
        if (at > now.AddMinutes(5) || at < now.AddDays(-7))
        {
            errors.Add("at", "通行时间应在最近 7 天内，且不能晚于现在", "The passage time must be within the last 7 days and not in the future");
        }

        if (!Enum.TryParse<PassageDirection>(body.Direction, ignoreCase: true, out var direction) || !Enum.IsDefined(direction))
        {
            errors.Add("direction", "方向应为 In（进）或 Out（出）", "Direction is In or Out");
        }

        var temperature = TemperatureCheck.NotChecked;
        if (body.Temperature is not null
            && (!Enum.TryParse(body.Temperature, ignoreCase: true, out temperature) || !Enum.IsDefined(temperature)))
        {
            errors.Add("temperature", "体温检测结果应为 Normal、Fever 或 NotChecked", "Temperature check is Normal, Fever or NotChecked");
        }

        if (body.Persons is not (>= 0 and <= 999))
        {
            errors.Add("persons", "人数应为 0 至 999", "Persons is 0 to 999");
        }

        var plate = ScreeningScope.NormalizePlate(body.VehiclePlate);
        if (plate is not null && !ScreeningScope.IsPlate(plate))
        {
            errors.Add("vehiclePlate", "车牌格式不正确（如 鄂A12345）", "Not a vehicle plate (e.g. 鄂A12345)");
        }

        errors.PlainText("note", body.Note, 200, required: false);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        var log = new PassageLog
        {
            Id = Guid.CreateVersion7(now),
            CheckpointId = c.Id,
            UnitCode = c.UnitCode,
            At = at,
            Direction = direction,
            VehiclePlate = plate,
            Persons = body.Persons!.Value,
            Temperature = temperature,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            RecordedAt = now,
            RecordedBy = user.Actor,
        };
        db.Add(log);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/checkpoints/{c.Id}/passages",
            new PassageRow(log.Id, log.At, log.Direction.ToString(), log.VehiclePlate, log.Persons, log.Temperature.ToString(), log.Note, log.RecordedBy));
    }

    /// <summary>Which of these checkpoints have a shift that contains <paramref name="now"/>.</summary>
    internal static async Task<HashSet<Guid>> OnDutyAsync(YiwangDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var list = await db.Set<DutyShift>().AsNoTracking()
            .Where(s => ids.Contains(s.CheckpointId) && s.StartsAt <= now && s.EndsAt > now)
            .Select(s => s.CheckpointId).Distinct().ToListAsync(ct);
        return [.. list];
    }

    internal static ProblemHttpResult NotInScope() =>
        Problems.NotFound("该卡口不存在或不在您的辖区内", "No such checkpoint in your jurisdiction");

    private static CheckpointKind? Check(CheckpointInput body, FieldErrors errors)
    {
        errors.PlainText("name", body.Name, 100, required: true);
        CheckpointKind? kind = null;
        if (Enum.TryParse<CheckpointKind>(body.Kind, ignoreCase: true, out var k) && Enum.IsDefined(k))
        {
            kind = k;
        }
        else
        {
            errors.Add("kind", "类型应为 Road（道路）、Station（车站）或 CommunityGate（社区门岗）", "Kind is Road, Station or CommunityGate");
        }

        if (body.Latitude is not null != body.Longitude is not null)
        {
            errors.Add("latitude", "经纬度须同时填写或同时留空", "Give both latitude and longitude, or neither");
        }

        if (body.Latitude is { } lat && (lat is < 29 or > 32 || double.IsNaN(lat)))
        {
            errors.Add("latitude", "纬度不在黄陂区附近（29–32）", "Latitude is not near Huangpi (29–32)");
        }

        if (body.Longitude is { } lon && (lon is < 113 or > 116 || double.IsNaN(lon)))
        {
            errors.Add("longitude", "经度不在黄陂区附近（113–116）", "Longitude is not near Huangpi (113–116)");
        }

        return kind;
    }

    private static async Task<CheckpointRow> RowAsync(Checkpoint c, JurisdictionDirectory dir, bool onDuty, CancellationToken ct) =>
        new(c.Id, c.Name, c.Kind.ToString(), c.UnitCode, (await dir.FindAsync(c.UnitCode, ct))?.Name, c.Latitude, c.Longitude, c.Active, onDuty);
}
