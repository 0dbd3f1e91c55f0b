using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Domain.Isolation;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features.Isolation;

/// <summary>Every change of occupancy is one transaction: site rows locked and counted first (<see cref="SiteBeds"/>),
/// then the audited save. A refusal writes nothing.</summary>
internal sealed class IsolationService(YiwangDbContext db, TimeProvider clock, IAuditContext audit)
{
    /// <summary>Refused when the site is full or inactive, or the person already has an active assignment (transfer that
    /// one instead). An active assignment of a closed record is released first.</summary>
    public async Task<Result<IsolationAssignment>> AssignAsync(Guid caseId, Guid? siteId, AccessScope scope, CancellationToken ct)
    {
        var record = await db.Set<EpiCase>().AsNoTracking().InScope(scope).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (record is null)
        {
            return IsolationRefusals.RecordNotFound();
        }

        if (record.Closed)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.RecordClosedIsolation", record.State), "record-closed");
        }

        IsolationSite? site = null;
        if (siteId is { } sid)
        {
            site = await db.Set<IsolationSite>().AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (site is null)
            {
                return IsolationRefusals.SiteNotFound();
            }

            if (!site.Active)
            {
                return IsolationRefusals.Inactive(site);
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().FirstOrDefaultAsync(a => a.PersonId == record.PersonId && a.EndedAt == null, ct);
        if (current is not null)
        {
            var currentOpen = await db.Set<EpiCase>().AnyAsync(c => c.Id == current.CaseId && !c.Closed, ct);
            if (currentOpen)
            {
                return IsolationRefusals.AlreadyAssigned();
            }
        }

        var release = current?.SiteId;
        await SiteBeds.LockAsync(db, [.. new[] { release, site?.Id }.OfType<Guid>()], ct);
        if (release is { } r)
        {
            await SiteBeds.FreeAsync(db, r, ct);
        }

        if (site is not null && !await SiteBeds.TakeAsync(db, site.Id, ct))
        {
            return IsolationRefusals.Full(site);
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
            return IsolationRefusals.AlreadyAssigned();
        }

        await tx.CommitAsync(ct);
        return assignment;
    }

    /// <summary>Ends an active assignment and starts one at another site (or home) in one transaction; refused,
    /// leaving the old one in place, when the target is full.</summary>
    public async Task<Result<IsolationAssignment>> TransferAsync(Guid assignmentId, Guid? siteId, string? reason, AccessScope scope, CancellationToken ct)
    {
        if (Reason(reason) is { } bad)
        {
            return bad;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().InScope(scope).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (current is null)
        {
            return NotFoundAssignment();
        }

        if (current.EndedAt is not null)
        {
            return IsolationRefusals.Ended();
        }

        if (current.SiteId == siteId)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.SameSite"), "same-site");
        }

        IsolationSite? site = null;
        if (siteId is { } sid)
        {
            site = await db.Set<IsolationSite>().AsNoTracking().Visible(scope).FirstOrDefaultAsync(s => s.Id == sid, ct);
            if (site is null)
            {
                return IsolationRefusals.SiteNotFound();
            }

            if (!site.Active)
            {
                return IsolationRefusals.Inactive(site);
            }
        }

        var record = await db.Set<EpiCase>().AsNoTracking().FirstAsync(c => c.Id == current.CaseId, ct);
        await SiteBeds.LockAsync(db, [.. new[] { current.SiteId, site?.Id }.OfType<Guid>()], ct);
        if (site is not null && !await SiteBeds.TakeAsync(db, site.Id, ct))
        {
            return IsolationRefusals.Full(site);
        }

        if (current.SiteId is { } old)
        {
            await SiteBeds.FreeAsync(db, old, ct);
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
            return IsolationRefusals.Stale();
        }

        await tx.CommitAsync(ct);
        return next;
    }

    public async Task<Result<IsolationAssignment>> ReleaseAsync(Guid assignmentId, string? reason, AccessScope scope, CancellationToken ct)
    {
        if (Reason(reason) is { } bad)
        {
            return bad;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<IsolationAssignment>().InScope(scope).FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (current is null)
        {
            return NotFoundAssignment();
        }

        if (current.EndedAt is not null)
        {
            return IsolationRefusals.Ended();
        }

        if (current.SiteId is { } old)
        {
            await SiteBeds.LockAsync(db, [old], ct);
            await SiteBeds.FreeAsync(db, old, ct);
        }

        End(current, clock.GetUtcNow(), Note("released", reason));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return IsolationRefusals.Stale();
        }

        await tx.CommitAsync(ct);
        return current;
    }

    /// <summary>Run by <see cref="IsolationReleaseJob"/> for records that have closed.</summary>
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
                        await SiteBeds.LockAsync(db, [site], ct);
                        await SiteBeds.FreeAsync(db, site, ct);
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

    private static Refusal? Reason(string? reason) =>
        reason is { Length: > 200 } || (reason is not null && reason.Any(c => c is '<' or '>' || char.IsControl(c)))
            ? Refusal.BadRequest(EpidemicText.Of("Problem.IsolationReason"), "reason-invalid")
            : null;

    private static string Note(string what, string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? what : $"{what}: {reason.Trim()}";

    private static Refusal NotFoundAssignment() => Refusal.NotFound(EpidemicText.Of("Problem.AssignmentNotFound"));
}
