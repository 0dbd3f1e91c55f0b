using Microsoft.EntityFrameworkCore;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>A refusal of an override step: HTTP status, words in both languages and a stable code.</summary>
internal sealed record OverrideRefusal(int Status, string Zh, string En, string Code);

/// <summary>
/// Manual colours under four eyes: one account requests with a reason; a different account with the same right
/// approves (only then does the colour change, through the engine) or rejects; an approved override can be revoked.
/// Each step is audited; the colour change names the override.
/// </summary>
internal sealed class OverrideService(ColourEngine engine, TimeProvider clock)
{
    public const int MaxDays = 30;

    public async Task<(ColourOverride? Override, OverrideRefusal? Refusal)> RequestAsync(
        YiwangDbContext db, PersonSummary person, string? colour, string? reason, int? days, string actor, CancellationToken ct)
    {
        if (!Enum.TryParse<CodeColour>(colour, true, out var c) || !Enum.IsDefined(c))
        {
            return (null, new OverrideRefusal(400, "颜色须为 green、yellow 或 red", "The colour must be green, yellow or red", "bad-colour"));
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10 || reason.Length > 500)
        {
            return (null, new OverrideRefusal(400, "人工调整须写明原因（10–500 字）", "A manual colour needs a reason (10–500 characters)", "reason-required"));
        }

        var d = days ?? 7;
        if (d is < 1 or > MaxDays)
        {
            return (null, new OverrideRefusal(400, $"期限须为 1–{MaxDays} 天", $"The duration must be 1–{MaxDays} days", "bad-days"));
        }

        if (await db.Set<ColourOverride>().AnyAsync(o => o.PersonId == person.Id && o.Status == OverrideStatus.Pending, ct))
        {
            return (null, new OverrideRefusal(409, "此人已有待审批的人工调整", "This person already has an override awaiting approval", "pending-exists"));
        }

        var o = new ColourOverride
        {
            Id = Guid.CreateVersion7(), PersonId = person.Id, Colour = c, Reason = reason.Trim(), Days = d, Status = OverrideStatus.Pending,
            RequestedBy = actor, RequestedAt = clock.GetUtcNow(), CommunityCode = person.CommunityCode, StreetCode = person.StreetCode,
        };
        db.Add(o);
        db.Audit(new AuditRecord("healthcodes.override-request", "Person", person.Id.ToString(), $"override {o.Id}: {c} for {d} days", o.Reason));
        await db.SaveChangesAsync(ct);
        return (o, null);
    }

    public async Task<(ColourOverride? Override, OverrideRefusal? Refusal)> DecideAsync(
        YiwangDbContext db, ColourOverride o, bool approve, string? note, string actor, CancellationToken ct)
    {
        if (o.Status != OverrideStatus.Pending)
        {
            return (null, new OverrideRefusal(409, "该申请已处理", "This request was already decided", "not-pending"));
        }

        if (string.Equals(o.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
        {
            return (null, new OverrideRefusal(403, "不能批准或驳回自己提出的申请，须由另一名有权限的人员审批", "You cannot decide your own request: another authorised account must", "same-approver"));
        }

        if (!approve && string.IsNullOrWhiteSpace(note))
        {
            return (null, new OverrideRefusal(400, "驳回须写明原因", "A rejection needs a note", "note-required"));
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

    public async Task<(ColourOverride? Override, OverrideRefusal? Refusal)> RevokeAsync(YiwangDbContext db, ColourOverride o, string? note, string actor, CancellationToken ct)
    {
        if (o.Status != OverrideStatus.Approved)
        {
            return (null, new OverrideRefusal(409, "只能撤销已生效的人工调整", "Only an approved override can be revoked", "not-approved"));
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            return (null, new OverrideRefusal(400, "撤销须写明原因", "A revocation needs a note", "note-required"));
        }

        o.Status = OverrideStatus.Revoked;
        o.Until = clock.GetUtcNow();
        o.DecisionNote = note.Trim()[..Math.Min(note.Trim().Length, 500)];
        o.Version++;
        db.Audit(new AuditRecord("healthcodes.override-revoke", "Person", o.PersonId.ToString(), $"override {o.Id} revoked by {actor}", o.DecisionNote));
        await engine.ReevaluateAsync(db, o.PersonId, "override-revoked", actor, ct);
        return await SaveAsync(db, o, ct);
    }

    private static async Task<(ColourOverride?, OverrideRefusal?)> SaveAsync(YiwangDbContext db, ColourOverride o, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return (o, null);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, new OverrideRefusal(409, "该申请或此人的颜色刚被他人修改，请刷新后重试", "The request or the person's colour just changed; reload and try again", "stale"));
        }
    }
}
