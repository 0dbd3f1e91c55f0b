using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.People.Data;
using Yiwang.People.Domain;

namespace Yiwang.People.Features;

/// <summary>
/// The human side of identity resolution: merge a possible duplicate into the existing person (reversibly),
/// mark it distinct, or settle an identity-number conflict. Every decision is audited through the save.
/// </summary>
internal sealed class DuplicateReview(YiwangDbContext db, CurrentUser user, TimeProvider clock)
{
    internal enum Outcome
    {
        Done,
        NotFound,
        AlreadyDecided,
        Invalid,
    }

    /// <summary>Open queue entries in the caller's scope (by where the existing person lives).</summary>
    public IQueryable<DuplicateCandidate> Queue()
    {
        var q = db.Set<DuplicateCandidate>().AsNoTracking().Where(d => d.Status == DuplicateStatus.Open);
        var s = user.Scope;
        return s.Level switch
        {
            Kernel.Jurisdictions.JurisdictionLevel.District when s != AccessScope.None => q,
            Kernel.Jurisdictions.JurisdictionLevel.Street => q.Where(d => d.StreetCode == s.Code),
            Kernel.Jurisdictions.JurisdictionLevel.Community when s != AccessScope.None => q.Where(d => d.CommunityCode == s.Code),
            _ => q.Where(_ => false),
        };
    }

    /// <summary>
    /// Same person. For a possible duplicate: the record's person is merged into the candidate (records and
    /// flags move; the merged person is hidden; undo restores both). For an identity conflict: the record
    /// is linked to the number's holder.
    /// </summary>
    public async Task<(Outcome, Guid? MergeId)> MergeAsync(Guid candidateId, string reason, CancellationToken ct)
    {
        var d = await Find(candidateId, ct);
        if (d is null)
        {
            return (Outcome.NotFound, null);
        }

        if (d.Status != DuplicateStatus.Open)
        {
            return (Outcome.AlreadyDecided, null);
        }

        var now = clock.GetUtcNow();
        var survivor = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == d.CandidatePersonId && p.MergedIntoId == null, ct);
        if (survivor is null)
        {
            return (Outcome.Invalid, null);
        }

        Guid? mergeId = null;
        if (d.Kind == Domain.DuplicateKind.IdConflict)
        {
            var record = await db.Set<SourceRecord>().FirstAsync(r => r.Id == d.SourceRecordId, ct);
            record.PersonId = survivor.Id;
            record.Status = SourceRecordStatus.Linked;
            record.UpdatedAt = now;
        }
        else
        {
            var merged = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == d.PersonId && p.MergedIntoId == null, ct);
            if (merged is null || merged.Id == survivor.Id)
            {
                return (Outcome.Invalid, null);
            }

            var records = await db.Set<SourceRecord>().Where(r => r.PersonId == merged.Id).ToListAsync(ct);
            var flags = await db.Set<PersonFlag>().Where(f => f.PersonId == merged.Id).ToListAsync(ct);
            foreach (var r in records)
            {
                r.PersonId = survivor.Id;
                r.UpdatedAt = now;
            }

            foreach (var f in flags)
            {
                f.PersonId = survivor.Id;
                f.UpdatedAt = now;
                Publish(f, survivor, now);
            }

            survivor.Phone ??= merged.Phone;
            survivor.BirthDate ??= merged.BirthDate;
            survivor.UpdatedAt = now;
            merged.MergedIntoId = survivor.Id;
            merged.UpdatedAt = now;
            var merge = new PersonMerge
            {
                Id = Guid.CreateVersion7(now),
                SurvivorId = survivor.Id,
                MergedId = merged.Id,
                MovedRecordIds = JsonSerializer.Serialize(records.Select(r => r.Id)),
                MovedFlagIds = JsonSerializer.Serialize(flags.Select(f => f.Id)),
                MergedAt = now,
                MergedBy = user.Actor,
            };
            db.Add(merge);
            mergeId = merge.Id;
        }

        Decide(d, DuplicateStatus.Merged, now, mergeId);
        db.Audit(new Kernel.Audit.AuditRecord("merge", nameof(Person), survivor.Id.ToString(), $"candidate {d.Id}", reason));
        await db.SaveChangesAsync(ct);
        return (Outcome.Done, mergeId);
    }

    /// <summary>Different persons (twins, namesakes). An identity conflict's record becomes disputed and stays unlinked.</summary>
    public async Task<Outcome> DistinctAsync(Guid candidateId, string reason, CancellationToken ct)
    {
        var d = await Find(candidateId, ct);
        if (d is null)
        {
            return Outcome.NotFound;
        }

        if (d.Status != DuplicateStatus.Open)
        {
            return Outcome.AlreadyDecided;
        }

        var now = clock.GetUtcNow();
        if (d.Kind == Domain.DuplicateKind.IdConflict)
        {
            var record = await db.Set<SourceRecord>().FirstAsync(r => r.Id == d.SourceRecordId, ct);
            record.Status = SourceRecordStatus.Disputed;
            record.UpdatedAt = now;
        }

        Decide(d, DuplicateStatus.Distinct, now, null);
        db.Audit(new Kernel.Audit.AuditRecord("mark-distinct", nameof(DuplicateCandidate), d.Id.ToString(), d.Reason, reason));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    /// <summary>Undoes a merge: records and flags go back, the merged person reappears, the queue entry reopens.</summary>
    public async Task<Outcome> UndoMergeAsync(Guid mergeId, string reason, CancellationToken ct)
    {
        var m = await db.Set<PersonMerge>().FirstOrDefaultAsync(x => x.Id == mergeId, ct);
        if (m is null)
        {
            return Outcome.NotFound;
        }

        var survivor = await db.Set<Person>().InScope(user.Scope).FirstOrDefaultAsync(p => p.Id == m.SurvivorId, ct);
        if (survivor is null)
        {
            return Outcome.NotFound;
        }

        if (m.UndoneAt is not null)
        {
            return Outcome.AlreadyDecided;
        }

        var now = clock.GetUtcNow();
        var merged = await db.Set<Person>().FirstAsync(p => p.Id == m.MergedId, ct);
        var recordIds = JsonSerializer.Deserialize<List<Guid>>(m.MovedRecordIds) ?? [];
        var flagIds = JsonSerializer.Deserialize<List<Guid>>(m.MovedFlagIds) ?? [];
        foreach (var r in await db.Set<SourceRecord>().Where(r => recordIds.Contains(r.Id)).ToListAsync(ct))
        {
            r.PersonId = merged.Id;
            r.UpdatedAt = now;
        }

        foreach (var f in await db.Set<PersonFlag>().Where(f => flagIds.Contains(f.Id)).ToListAsync(ct))
        {
            f.PersonId = merged.Id;
            f.UpdatedAt = now;
            Publish(f, merged, now);
        }

        merged.MergedIntoId = null;
        merged.UpdatedAt = now;
        m.UndoneAt = now;
        m.UndoneBy = user.Actor;
        foreach (var d in await db.Set<DuplicateCandidate>().Where(d => d.MergeId == m.Id).ToListAsync(ct))
        {
            d.Status = DuplicateStatus.Open;
            d.DecidedAt = null;
            d.DecidedBy = null;
            d.MergeId = null;
        }

        db.Audit(new Kernel.Audit.AuditRecord("undo-merge", nameof(PersonMerge), m.Id.ToString(), $"{m.MergedId} out of {m.SurvivorId}", reason));
        await db.SaveChangesAsync(ct);
        return Outcome.Done;
    }

    private async Task<DuplicateCandidate?> Find(Guid id, CancellationToken ct)
    {
        var d = await db.Set<DuplicateCandidate>().FirstOrDefaultAsync(x => x.Id == id, ct);
        return d is not null && InScope(d) ? d : null;
    }

    private bool InScope(DuplicateCandidate d) => user.Scope.Level switch
    {
        Kernel.Jurisdictions.JurisdictionLevel.District => user.Scope != AccessScope.None,
        Kernel.Jurisdictions.JurisdictionLevel.Street => d.StreetCode == user.Scope.Code,
        _ => user.Scope != AccessScope.None && d.CommunityCode == user.Scope.Code,
    };

    private void Decide(DuplicateCandidate d, DuplicateStatus status, DateTimeOffset now, Guid? mergeId)
    {
        d.Status = status;
        d.DecidedAt = now;
        d.DecidedBy = user.Actor;
        d.MergeId = mergeId;
    }

    private void Publish(PersonFlag f, Person to, DateTimeOffset now) =>
        db.Publish(PersonFlagChanged.Topic,
            new PersonFlagChanged(to.Id, f.Kind.ToString(), f.Active, f.SourceRecordId, "merge", to.CommunityCode.Length > 0 ? to.CommunityCode : null, f.Since, now), now);
}
