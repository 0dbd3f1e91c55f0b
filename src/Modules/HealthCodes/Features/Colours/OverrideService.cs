using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>Four eyes: a different account with the same right approves (only then does the colour change) or rejects.
/// Each step is audited; the colour change names the override.</summary>
internal sealed class OverrideService(ColourEngine engine, TimeProvider clock)
{
    public const int MaxDays = 30;

    public async Task<Result<ColourOverride>> RequestAsync(
        YiwangDbContext db, PersonSummary person, string? colour, string? reason, int? days, string actor, CancellationToken ct)
    {
        if (!Enum.TryParse<CodeColour>(colour, true, out var c) || !Enum.IsDefined(c))
        {
            return Refusal.BadRequest(Words("Override_BadColour"), "bad-colour");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Length > 500)
        {
            return Refusal.BadRequest(Words("Override_ReasonRequired"), "reason-required");
        }

        var d = days ?? 7;
        if (d is < 1 or > MaxDays)
        {
            return Refusal.BadRequest(Words("Override_BadDays", MaxDays), "bad-days");
        }

        if (await db.Set<ColourOverride>().AnyAsync(o => o.PersonId == person.Id && o.Status == OverrideStatus.Pending, ct))
        {
            return Refusal.Conflict(Words("Override_PendingExists"), "pending-exists");
        }

        var o = new ColourOverride
        {
            Id = Guid.CreateVersion7(), PersonId = person.Id, Colour = c, Reason = reason.Trim(), Days = d, Status = OverrideStatus.Pending,
            RequestedBy = actor, RequestedAt = clock.GetUtcNow(), CommunityCode = person.CommunityCode, StreetCode = person.StreetCode,
        };
        db.Add(o);
        db.Audit(new AuditRecord("healthcodes.override-request", "Person", person.Id.ToString(), $"override {o.Id}: {c} for {d} days", o.Reason));
        await db.SaveChangesAsync(ct);
        return o;
    }

    public async Task<Result<ColourOverride>> DecideAsync(
        YiwangDbContext db, ColourOverride o, bool approve, string? note, string actor, CancellationToken ct)
    {
        if (o.Status != OverrideStatus.Pending)
        {
            return Refusal.Conflict(Words("Override_NotPending"), "not-pending");
        }

        if (string.Equals(o.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
        {
            return new Refusal(403, "same-approver", Words("Override_SameApprover"));
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return Refusal.BadRequest(Words("Override_RejectNoteRequired"), "note-required");
        }

        var now = clock.GetUtcNow();
        o.Status = approve ? OverrideStatus.Approved : OverrideStatus.Rejected;
        o.DecidedBy = actor;
        o.DecidedAt = now;
        o.DecisionNote = note?.Trim() is { Length: > 0 } n ? n[..Math.Min(n.Length, 500)] : null;
        o.Until = approve ? now.AddDays(o.Days) : null;
        o.Version++;
        db.Audit(new AuditRecord(approve ? "healthcodes.override-approve" : "healthcodes.override-reject", "Person", o.PersonId.ToString(),
            $"override {o.Id}: {o.Colour} requested by {o.RequestedBy}", o.DecisionNote));
        if (approve)
        {
            await engine.ReevaluateAsync(db, o.PersonId, "override", actor, ct);
        }

        return await SaveAsync(db, o, ct);
    }

    public async Task<Result<ColourOverride>> RevokeAsync(YiwangDbContext db, ColourOverride o, string? note, string actor, CancellationToken ct)
    {
        if (o.Status != OverrideStatus.Approved)
        {
            return Refusal.Conflict(Words("Override_NotApproved"), "not-approved");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return Refusal.BadRequest(Words("Override_RevokeNoteRequired"), "note-required");
        }

        o.Status = OverrideStatus.Revoked;
        o.Until = clock.GetUtcNow();
        o.DecisionNote = note.Trim()[..Math.Min(note.Trim().Length, 500)];
        o.Version++;
        db.Audit(new AuditRecord("healthcodes.override-revoke", "Person", o.PersonId.ToString(), $"override {o.Id} revoked by {actor}", o.DecisionNote));
        await engine.ReevaluateAsync(db, o.PersonId, "override-revoked", actor, ct);
        return await SaveAsync(db, o, ct);
    }

    private static async Task<Result<ColourOverride>> SaveAsync(YiwangDbContext db, ColourOverride o, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return o;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Refusal.Conflict(Words("Override_Stale"), "stale");
        }
    }

    private static Text Words(string key, params object?[] args) => new(typeof(ColoursText), key, args);
}
