using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>
/// Isolation sites and who stays where. Every change of occupancy runs in one transaction: first the site rows are
/// locked and counted with conditional UPDATEs (<c>occupied &lt; capacity</c> for a new bed, in site-id order so two
/// transfers in opposite directions cannot deadlock), then the assignment rows are saved through the audited
/// SaveChanges. A refusal rolls everything back: nothing is written.
/// </summary>
internal sealed class IsolationService(YiwangDbContext db, JurisdictionDirectory jurisdictions, TimeProvider clock, IAuditContext audit)
{
    internal sealed record SiteInput(string? Name, string? Kind, string? Address, string? UnitCode, int? Capacity, bool? Active, uint? Version);

    // ---- sites -------------------------------------------------------------------------------------------

    public async Task<(IsolationSite? Site, Refusal? Refusal, FieldErrors? Errors)> CreateSiteAsync(SiteInput input, AccessScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", input.Name, 100, required: true);
        errors.PlainText("address", input.Address, 200, required: true);
        var kind = ParseSiteKind(input.Kind, errors);
        CheckCapacity(input.Capacity, errors);
        var unit = (input.UnitCode ?? "").Trim();
        if (unit.Length is not (6 or 9) || await jurisdictions.FindAsync(unit, ct) is null)
        {
            errors.Add("unitCode", "须为区或街道（乡镇）代码", "Must be the code of the district or a township");
        }
        else if (!scope.Contains(unit))
        {
            errors.Add("unitCode", "该单位不在您的辖区内", "That unit is outside your jurisdiction");
        }

        if (errors.Any)
        {
            return (null, null, errors);
        }

        var now = clock.GetUtcNow();
        var site = new IsolationSite
        {
            Id = Guid.CreateVersion7(),
            Name = input.Name!.Trim(),
            Kind = kind,
            Address = input.Address!.Trim(),
            UnitCode = unit,
            Capacity = input.Capacity!.Value,
            Active = input.Active ?? true,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedBy = audit.Actor,
        };
        db.Add(site);
        await db.SaveChangesAsync(ct);
        return (site, null, null);
    }

    /// <summary>Edits name, address, capacity and the active flag. Capacity never goes below the beds taken.</summary>
    public async Task<(IsolationSite? Site, Refusal? Refusal, FieldErrors? Errors)> UpdateSiteAsync(Guid id, SiteInput input, AccessScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", input.Name, 100, required: true);
        errors.PlainText("address", input.Address, 200, required: true);
        CheckCapacity(input.Capacity, errors);
        if (errors.Any)
        {
            return (null, null, errors);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Lock the row first so a concurrent assignment cannot take a bed between the check and the save.
        if (await LockSitesAsync([id], ct) == 0)
        {
            return (null, NotFoundSite(), null);
        }

        var site = await db.Set<IsolationSite>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (site is null || !scope.Contains(site.UnitCode))
        {
            return (null, NotFoundSite(), null);
        }

        if (input.Version is { } v && v != site.Version)
        {
            return (null, Stale(), null);
        }

        if (input.Capacity!.Value < site.Occupied)
        {
            return (null, Refusal.Conflict(
                $"床位数不能少于在住人数（{site.Occupied}）",
                $"Capacity cannot be below the beds taken ({site.Occupied})",
                "capacity-below-occupancy"), null);
        }

        site.Name = input.Name!.Trim();
        site.Address = input.Address!.Trim();
        site.Capacity = input.Capacity.Value;
        site.Active = input.Active ?? site.Active;
        site.UpdatedAt = clock.GetUtcNow();
        site.UpdatedBy = audit.Actor;
        site.Version++;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (site, null, null);
    }

    // ---- assignments -------------------------------------------------------------------------------------

    /// <summary>
    /// Puts an open record in scope into a site (or home when <paramref name="siteId"/> is null). Refused when the
    /// site is full or inactive, or when the person already has an active assignment (transfer that one instead).
    /// An active assignment of a closed record is released first (the record left isolation).
    /// </summary>
    public async Task<(IsolationAssignment? Assignment, Refusal? Refusal)> AssignAsync(Guid caseId, Guid? siteId, AccessScope scope, CancellationToken ct)
    {
        var record = await db.Set<EpiCase>().AsNoTracking().InScope(scope).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (record is null)
        {
            return (null, Refusal.NotFound("未找到该记录", "Record not found"));
        }

        if (record.Closed)
        {
            return (null, Refusal.Conflict($"记录已结束（{record.State}），不能安排隔离", $"The record is closed ({record.State}); it cannot be isolated", "record-closed"));
        }

        IsolationSite? site = null;
        if (siteId is { } sid)
        {
            site = await db.Set<IsolationSite>().AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (site is null)
            {
                return (null, NotFoundSite());
            }

            if (!site.Active)
            {
                return (null, Inactive(site));
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().FirstOrDefaultAsync(a => a.PersonId == record.PersonId && a.EndedAt == null, ct);
        if (current is not null)
        {
            var currentOpen = await db.Set<EpiCase>().AnyAsync(c => c.Id == current.CaseId && !c.Closed, ct);
            if (currentOpen)
            {
                return (null, Refusal.Conflict("此人已有隔离安排，请转运或解除后再安排", "This person is already assigned; transfer or release that assignment", "already-assigned"));
            }
        }

        var release = current?.SiteId;
        await LockSitesAsync([.. new[] { release, site?.Id }.OfType<Guid>()], ct);
        if (release is { } r)
        {
            await FreeBedAsync(r, ct);
        }

        if (site is not null && !await TakeBedAsync(site.Id, ct))
        {
            return (null, Full(site));
        }

        var now = clock.GetUtcNow();
        var assignment = New(record, site, now);
        try
        {
            if (current is not null)
            {
                End(current, now, "record-closed");
                await db.SaveChangesAsync(ct);
            }

            db.Add(assignment);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on active assignments (or the old assignment's version): someone assigned or
            // released this person in the meantime.
            db.ChangeTracker.Clear();
            return (null, Refusal.Conflict("此人已有隔离安排，请转运或解除后再安排", "This person is already assigned; transfer or release that assignment", "already-assigned"));
        }

        await tx.CommitAsync(ct);
        return (assignment, null);
    }

    /// <summary>Ends an active assignment and starts one at another site (or home) in one transaction; refused,
    /// leaving the old one in place, when the target is full.</summary>
    public async Task<(IsolationAssignment? Assignment, Refusal? Refusal)> TransferAsync(Guid assignmentId, Guid? siteId, string? reason, AccessScope scope, CancellationToken ct)
    {
        if (Reason(reason) is { } bad)
        {
            return (null, bad);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().InScope(scope).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (current is null)
        {
            return (null, Refusal.NotFound("未找到该隔离安排", "Assignment not found"));
        }

        if (current.EndedAt is not null)
        {
            return (null, Ended());
        }

        if (current.SiteId == siteId)
        {
            return (null, Refusal.Invalid("转运目标与当前隔离点相同", "The target is the current site", "same-site"));
        }

        IsolationSite? site = null;
        if (siteId is { } sid)
        {
            site = await db.Set<IsolationSite>().AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (site is null)
            {
                return (null, NotFoundSite());
            }

            if (!site.Active)
            {
                return (null, Inactive(site));
            }
        }

        var record = await db.Set<EpiCase>().AsNoTracking().FirstAsync(c => c.Id == current.CaseId, ct);
        await LockSitesAsync([.. new[] { current.SiteId, site?.Id }.OfType<Guid>()], ct);
        if (site is not null && !await TakeBedAsync(site.Id, ct))
        {
            return (null, Full(site));
        }

        if (current.SiteId is { } old)
        {
            await FreeBedAsync(old, ct);
        }

        var now = clock.GetUtcNow();
        var next = New(record, site, now);
        End(current, now, Note("transferred", reason));
        current.NextAssignmentId = next.Id;
        try
        {
            await db.SaveChangesAsync(ct);
            db.Add(next);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, Stale());
        }

        await tx.CommitAsync(ct);
        return (next, null);
    }

    /// <summary>Ends an active assignment (the person left isolation).</summary>
    public async Task<(IsolationAssignment? Assignment, Refusal? Refusal)> ReleaseAsync(Guid assignmentId, string? reason, AccessScope scope, CancellationToken ct)
    {
        if (Reason(reason) is { } bad)
        {
            return (null, bad);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().InScope(scope).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (current is null)
        {
            return (null, Refusal.NotFound("未找到该隔离安排", "Assignment not found"));
        }

        if (current.EndedAt is not null)
        {
            return (null, Ended());
        }

        if (current.SiteId is { } old)
        {
            await LockSitesAsync([old], ct);
            await FreeBedAsync(old, ct);
        }

        End(current, clock.GetUtcNow(), Note("released", reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return (null, Stale());
        }

        await tx.CommitAsync(ct);
        return (current, null);
    }

    /// <summary>
    /// Releases active assignments whose record has closed (released from observation, recovered, deceased…),
    /// a batch at a time; returns how many. Run by <see cref="IsolationReleaseJob"/>.
    /// </summary>
    public async Task<int> ReleaseClosedAsync(int batch, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var ids = await db.Set<IsolationAssignment>().AsNoTracking()
                .Where(a => a.EndedAt == null && db.Set<EpiCase>().Any(c => c.Id == a.CaseId && c.Closed))
                .OrderBy(a => a.Id).Select(a => a.Id).Take(batch).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return total;
            }

            foreach (var id in ids)
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var a = await db.Set<IsolationAssignment>().FirstAsync(x => x.Id == id, ct);
                if (a.EndedAt is null)
                {
                    if (a.SiteId is { } site)
                    {
                        await LockSitesAsync([site], ct);
                        await FreeBedAsync(site, ct);
                    }

                    End(a, clock.GetUtcNow(), "record-closed");
                    await db.SaveChangesAsync(ct);
                    total++;
                }

                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private IsolationAssignment New(EpiCase record, IsolationSite? site, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        SiteId = site?.Id,
        Kind = site?.Kind ?? IsolationKind.Home,
        CaseId = record.Id,
        PersonId = record.PersonId,
        CommunityCode = record.CommunityCode,
        StreetCode = record.StreetCode,
        StartedAt = now,
        StartedBy = audit.Actor,
    };

    private void End(IsolationAssignment a, DateTimeOffset now, string reason)
    {
        a.EndedAt = now;
        a.EndedBy = audit.Actor;
        a.EndReason = reason;
        a.Version++;
    }

    /// <summary>Takes the sites' row locks in id order (a no-op UPDATE): bookkeeping, not a business change.</summary>
    private async Task<int> LockSitesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var n = 0;
        foreach (var id in ids.Distinct().Order())
        {
            n += await db.Set<IsolationSite>().Where(s => s.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied), ct);
        }

        return n;
    }

    /// <summary>The conditional UPDATE that decides who gets the last bed: false when the site is full or inactive.</summary>
    private async Task<bool> TakeBedAsync(Guid siteId, CancellationToken ct) =>
        await db.Set<IsolationSite>().Where(s => s.Id == siteId && s.Active && s.Occupied < s.Capacity)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied + 1), ct) == 1;

    private async Task FreeBedAsync(Guid siteId, CancellationToken ct) =>
        await db.Set<IsolationSite>().Where(s => s.Id == siteId && s.Occupied > 0)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Occupied, s => s.Occupied - 1), ct);

    private static IsolationKind ParseSiteKind(string? kind, FieldErrors errors)
    {
        if (Enum.TryParse<IsolationKind>(kind, ignoreCase: true, out var k) && k is IsolationKind.Hotel or IsolationKind.Hospital)
        {
            return k;
        }

        errors.Add("kind", "类型须为 hotel（集中隔离点）或 hospital（定点医院）", "Kind must be hotel or hospital");
        return IsolationKind.Hotel;
    }

    private static void CheckCapacity(int? capacity, FieldErrors errors)
    {
        if (capacity is not (>= 1 and <= 10_000))
        {
            errors.Add("capacity", "床位数须为 1–10000", "Capacity must be 1–10,000 beds");
        }
    }

    private static Refusal? Reason(string? reason) =>
        reason is { Length: > 200 } || (reason is not null && reason.Any(c => c is '<' or '>' || char.IsControl(c)))
            ? Refusal.Invalid("原因最多 200 字，不能包含尖括号或控制字符", "The reason is 200 characters at most, without angle brackets or control characters", "reason-invalid")
            : null;

    private static string Note(string what, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? what : $"{what}: {reason.Trim()}";

    private static Refusal NotFoundSite() => Refusal.NotFound("未找到该隔离点", "Isolation site not found");

    private static Refusal Full(IsolationSite site) => Refusal.Conflict(
        $"隔离点“{site.Name}”已满（{site.Capacity} 张床位），未作任何更改",
        $"Isolation site \"{site.Name}\" is full ({site.Capacity} beds); nothing was changed",
        "site-full");

    private static Refusal Inactive(IsolationSite site) => Refusal.Conflict(
        $"隔离点“{site.Name}”已停用", $"Isolation site \"{site.Name}\" is deactivated", "site-inactive");

    private static Refusal Ended() => Refusal.Conflict("该隔离安排已结束", "This assignment has already ended", "assignment-ended");

    private static Refusal Stale() => Refusal.Conflict("已被他人修改，请刷新后重试", "Someone else changed it; reload and try again", "stale");
}
