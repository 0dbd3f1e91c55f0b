using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using static Yiwang.Frontline.Features.Screening.CheckpointsApi;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>A checkpoint's passage log (通行登记): who went in or out, with plate, head count and temperature check.</summary>
internal static class Passages
{
    public static async Task<Result<Page<PassageRow>>> ListAsync(Guid id, int? page, int? pageSize, FrontlineContext c, CancellationToken ct)
    {
        if (!await c.Db.Set<Checkpoint>().AsNoTracking().InScope(c.User.Scope).AnyAsync(x => x.Id == id, ct))
        {
            return Checkpoints.NotInScope();
        }

        var p = PageRequest.Of(page, pageSize);
        var q = c.Db.Set<PassageLog>().AsNoTracking().Where(x => x.CheckpointId == id);
        var total = await q.LongCountAsync(ct);
        var rows = await q.OrderByDescending(x => x.At).ThenByDescending(x => x.Id).Skip(p.Skip).Take(p.Size)
            .Select(x => new PassageRow(x.Id, x.At, x.Direction.ToString(), x.VehiclePlate, x.Persons, x.Temperature.ToString(), x.Note, x.RecordedBy))
            .ToListAsync(ct);
        return new Page<PassageRow>(rows, total, p.Number, p.Size);
    }

    public static async Task<Result<PassageRow>> AddAsync(Guid id, PassageInput body, FrontlineContext c, CancellationToken ct)
    {
        var cp = await Checkpoints.FindAsync(id, c, ct);
        if (cp is null)
        {
            return Checkpoints.NotInScope();
        }

        var now = c.Clock.GetUtcNow();
        var errors = new FieldErrors();
        var at = (body.At ?? now).ToUniversalTime();
        if (at > now.AddMinutes(5) || at < now.AddDays(-7))
        {
            errors.Add("at", FrontlineText.Of("Field_PassageTime"));
        }

        if (!Enum.TryParse<PassageDirection>(body.Direction, ignoreCase: true, out var direction) || !Enum.IsDefined(direction))
        {
            errors.Add("direction", FrontlineText.Of("Field_Direction"));
        }

        var temperature = TemperatureCheck.NotChecked;
        if (body.Temperature is not null
            && (!Enum.TryParse(body.Temperature, ignoreCase: true, out temperature) || !Enum.IsDefined(temperature)))
        {
            errors.Add("temperature", FrontlineText.Of("Field_Temperature"));
        }

        if (body.Persons is not (>= 0 and <= 999))
        {
            errors.Add("persons", FrontlineText.Of("Field_Persons"));
        }

        var plate = ScreeningScope.NormalizePlate(body.VehiclePlate);
        if (plate is not null && !ScreeningScope.IsPlate(plate))
        {
            errors.Add("vehiclePlate", FrontlineText.Of("Field_Plate"));
        }

        errors.PlainText("note", body.Note, 200, required: false);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var log = new PassageLog
        {
            Id = Guid.CreateVersion7(now),
            CheckpointId = cp.Id,
            UnitCode = cp.UnitCode,
            At = at,
            Direction = direction,
            VehiclePlate = plate,
            Persons = body.Persons!.Value,
            Temperature = temperature,
            Note = string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(),
            RecordedAt = now,
            RecordedBy = c.User.Actor,
        };
        c.Db.Add(log);
        await c.Db.SaveChangesAsync(ct);
        return new PassageRow(log.Id, log.At, log.Direction.ToString(), log.VehiclePlate, log.Persons, log.Temperature.ToString(), log.Note, log.RecordedBy);
    }
}
