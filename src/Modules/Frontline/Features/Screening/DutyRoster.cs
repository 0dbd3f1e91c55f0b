using Microsoft.EntityFrameworkCore;
using Yiwang.Frontline.Domain.Screening;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using static Yiwang.Frontline.Features.Screening.CheckpointsApi;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>A checkpoint's duty roster (值班表): shifts of at most a day, each with its staff by name and role.</summary>
internal static class DutyRoster
{
    public const int MaxStaff = 20;

    public static async Task<Result<ShiftView>> AddShiftAsync(Guid id, ShiftInput body, FrontlineContext c, CancellationToken ct)
    {
        var cp = await Checkpoints.FindAsync(id, c, ct);
        if (cp is null)
        {
            return Checkpoints.NotInScope();
        }

        var errors = new FieldErrors();
        if (body.StartsAt is null)
        {
            errors.Required("startsAt");
        }

        if (body.EndsAt is null)
        {
            errors.Required("endsAt");
        }

        if (body.StartsAt is { } s0 && body.EndsAt is { } e0 && (e0 <= s0 || e0 - s0 > TimeSpan.FromHours(24)))
        {
            errors.Add("endsAt", FrontlineText.Of("Field_ShiftSpan"));
        }

        var staff = body.Staff ?? [];
        if (staff.Count is 0 or > MaxStaff)
        {
            errors.Add("staff", FrontlineText.Of("Field_ShiftStaff"));
        }

        for (var i = 0; i < staff.Count && i < MaxStaff; i++)
        {
            errors.PlainText($"staff[{i}].name", staff[i].Name, 32, required: true);
            errors.PlainText($"staff[{i}].role", staff[i].Role, 32, required: true);
            // Six digits or more is the start of an identity number: a roster is shown to everyone at the site.
            if (staff[i].Name is { } n && n.Count(char.IsAsciiDigit) >= 6)
            {
                errors.Add($"staff[{i}].name", FrontlineText.Of("Field_RosterNamesOnly"));
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var now = c.Clock.GetUtcNow();
        var shift = new DutyShift
        {
            Id = Guid.CreateVersion7(now),
            CheckpointId = cp.Id,
            UnitCode = cp.UnitCode,
            StartsAt = body.StartsAt!.Value.ToUniversalTime(),
            EndsAt = body.EndsAt!.Value.ToUniversalTime(),
            CreatedAt = now,
            CreatedBy = c.User.Actor,
        };
        shift.Staff = [.. staff.Select(x => new DutyStaff { Id = Guid.CreateVersion7(now), ShiftId = shift.Id, Name = x.Name!.Trim(), Role = x.Role!.Trim() })];
        c.Db.Add(shift);
        await c.Db.SaveChangesAsync(ct);
        return new ShiftView(shift.Id, shift.StartsAt, shift.EndsAt,
            shift.StartsAt <= now && now < shift.EndsAt, [.. shift.Staff.Select(x => new StaffView(x.Name, x.Role))]);
    }

    /// <summary>Removes a shift; the answer is the removed shift's id.</summary>
    public static async Task<Result<Guid>> DeleteShiftAsync(Guid id, Guid shiftId, FrontlineContext c, CancellationToken ct)
    {
        var visible = await c.Db.Set<Checkpoint>().AsNoTracking().InScope(c.User.Scope).AnyAsync(x => x.Id == id, ct);
        var shift = visible ? await c.Db.Set<DutyShift>().Include(s => s.Staff).FirstOrDefaultAsync(s => s.Id == shiftId && s.CheckpointId == id, ct) : null;
        if (shift is null)
        {
            return Checkpoints.NotInScope();
        }

        c.Db.Remove(shift);
        await c.Db.SaveChangesAsync(ct);
        return shift.Id;
    }
}
