using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using static Yiwang.Frontline.Features.Screening.CheckpointsApi;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>Checkpoint sites: list, read with the roster, create and update, always inside the caller's unit.</summary>
internal static class Checkpoints
{
    /// <summary>Checkpoints in scope, by name, each with whether a shift is on duty now.</summary>
    public static async Task<Result<Page<CheckpointRow>>> ListAsync(string? q, int? page, int? pageSize, FrontlineContext c, CancellationToken ct)
    {
        var p = PageRequest.Of(page, pageSize);
        var query = c.Db.Set<Checkpoint>().AsNoTracking().InScope(c.User.Scope);
        if (!string.IsNullOrWhiteSpace(q) && q.Trim().Length <= 50)
        {
            var term = q.Trim();
            query = query.Where(x => x.Name.Contains(term));
        }

        var total = await query.LongCountAsync(ct);
        var rows = await query.OrderBy(x => x.UnitCode).ThenBy(x => x.Name).ThenBy(x => x.Id).Skip(p.Skip).Take(p.Size).ToListAsync(ct);
        var onDuty = await OnDutyAsync(c.Db, [.. rows.Select(x => x.Id)], c.Clock.GetUtcNow(), ct);
        var items = new List<CheckpointRow>(rows.Count);
        foreach (var x in rows)
        {
            items.Add(await RowAsync(x, c.Directory, onDuty.Contains(x.Id), ct));
        }

        return new Page<CheckpointRow>(items, total, p.Number, p.Size);
    }

    public static async Task<Result<CheckpointDetail>> GetAsync(Guid id, FrontlineContext c, CancellationToken ct)
    {
        var cp = await c.Db.Set<Checkpoint>().AsNoTracking().InScope(c.User.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (cp is null)
        {
            return NotInScope();
        }

        var now = c.Clock.GetUtcNow();
        // The roster from yesterday on: what is on now and what comes next.
        var from = now.AddDays(-1);
        var shifts = await c.Db.Set<DutyShift>().AsNoTracking().Include(s => s.Staff).Where(s => s.CheckpointId == id && s.EndsAt > from)
            .OrderBy(s => s.StartsAt).Take(100).ToListAsync(ct);
        var roster = shifts.Select(s => new ShiftView(s.Id, s.StartsAt, s.EndsAt, s.StartsAt <= now && now < s.EndsAt,
            [.. s.Staff.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => new StaffView(x.Name, x.Role))])).ToList();
        return new CheckpointDetail(await RowAsync(cp, c.Directory, roster.Any(s => s.Now), ct), roster);
    }

    public static async Task<Result<CheckpointRow>> CreateAsync(CheckpointInput body, FrontlineContext c, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var kind = Check(body, errors);
        JurisdictionUnit? unit = null;
        if (string.IsNullOrWhiteSpace(body.UnitCode))
        {
            errors.Required("unitCode");
        }
        else
        {
            unit = await c.Directory.FindAsync(body.UnitCode.Trim(), ct);
            if (unit is null || unit.Level == JurisdictionLevel.District)
            {
                errors.Add("unitCode", FrontlineText.Of("Field_UnitCodeLevel"));
                unit = null;
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (!c.User.Scope.Contains(unit!.Code))
        {
            return Refusal.Forbidden(FrontlineText.Of("Refusal_CheckpointOutsideScope"));
        }

        var now = c.Clock.GetUtcNow();
        var cp = new Checkpoint
        {
            Id = Guid.CreateVersion7(now),
            Name = body.Name!.Trim(),
            Kind = kind!.Value,
            UnitCode = unit.Code,
            Latitude = body.Latitude,
            Longitude = body.Longitude,
            Active = body.Active ?? true,
            CreatedAt = now,
            CreatedBy = c.User.Actor,
        };
        c.Db.Add(cp);
        await c.Db.SaveChangesAsync(ct);
        return await RowAsync(cp, c.Directory, false, ct);
    }

    /// <summary>Renames, moves on the map, changes kind or (de)activates a checkpoint; its unit stays.</summary>
    public static async Task<Result<CheckpointRow>> UpdateAsync(Guid id, CheckpointInput body, FrontlineContext c, CancellationToken ct)
    {
        var cp = await c.Db.Set<Checkpoint>().InScope(c.User.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (cp is null)
        {
            return NotInScope();
        }

        var errors = new FieldErrors();
        var kind = Check(body, errors);
        if (!string.IsNullOrWhiteSpace(body.UnitCode) && body.UnitCode.Trim() != cp.UnitCode)
        {
            errors.Add("unitCode", FrontlineText.Of("Field_UnitCannotChange"));
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        cp.Name = body.Name!.Trim();
        cp.Kind = kind!.Value;
        cp.Latitude = body.Latitude;
        cp.Longitude = body.Longitude;
        cp.Active = body.Active ?? cp.Active;
        await c.Db.SaveChangesAsync(ct);
        var onDuty = await OnDutyAsync(c.Db, [cp.Id], c.Clock.GetUtcNow(), ct);
        return await RowAsync(cp, c.Directory, onDuty.Contains(cp.Id), ct);
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

    /// <summary>The checkpoint, if the caller may see it; shifts and passages hang off it.</summary>
    internal static Task<Checkpoint?> FindAsync(Guid id, FrontlineContext c, CancellationToken ct) =>
        c.Db.Set<Checkpoint>().AsNoTracking().InScope(c.User.Scope).FirstOrDefaultAsync(x => x.Id == id, ct);

    internal static Refusal NotInScope() => Refusal.NotFound(FrontlineText.Of("Refusal_CheckpointNotInScope"));

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
            errors.Add("kind", FrontlineText.Of("Field_CheckpointKind"));
        }

        if (body.Latitude is not null != body.Longitude is not null)
        {
            errors.Add("latitude", FrontlineText.Of("Field_LatLonPair"));
        }

        if (body.Latitude is { } lat && (lat is < 29 or > 32 || double.IsNaN(lat)))
        {
            errors.Add("latitude", FrontlineText.Of("Field_Latitude"));
        }

        if (body.Longitude is { } lon && (lon is < 113 or > 116 || double.IsNaN(lon)))
        {
            errors.Add("longitude", FrontlineText.Of("Field_Longitude"));
        }

        return kind;
    }

    private static async Task<CheckpointRow> RowAsync(Checkpoint cp, JurisdictionDirectory dir, bool onDuty, CancellationToken ct) =>
        new(cp.Id, cp.Name, cp.Kind.ToString(), cp.UnitCode, (await dir.FindAsync(cp.UnitCode, ct))?.Name, cp.Latitude, cp.Longitude, cp.Active, onDuty);
}
