using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;
using Yiwang.People.Data;
using Yiwang.People.Domain;
using Yiwang.People.Localization;

namespace Yiwang.People.Features;

/// <summary>The human side of identity resolution: merge a possible duplicate into the existing person (reversibly),
/// mark it distinct, or settle an identity-number conflict. Every decision is audited through the save.</summary>
internal sealed class DuplicateReview(YiwangDbContext db, CurrentUser user, TimeProvider clock)
{
    internal sealed record Merged(Guid MergeId);

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

    /// <summary>Same person. For a possible duplicate: the record's person is merged into the candidate (records and
    /// flags move; the merged person is hidden; undo restores both). For an identity conflict: the record
    /// is linked to the number's holder.</summary>
    public async Task<Result<Merged>> MergeAsync(Guid candidateId, string? reason, CancellationToken ct)
    {
        if (CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        var d = await Find(candidateId, ct);
        if (d is null)
        {
            return NotFound();
        }

        if (d.Status != DuplicateStatus.Open)
        {
            return AlreadyDecided();
        }

        var now = clock.GetUtcNow();
        var survivor = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == d.CandidatePersonId && p.MergedIntoId == null, ct);
        if (survivor is null)
        {
            return PersonGone();
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
                return PersonGone();
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
        db.Audit(new Kernel.Audit.AuditRecord("merge", nameof(Person), survivor.Id.ToString(), $"candidate {d.Id}", reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return new Merged(mergeId ?? Guid.Empty);
    }

    /// <summary>Different persons (twins, namesakes). An identity conflict's record becomes disputed and stays unlinked.</summary>
    public async Task<Result<Guid>> DistinctAsync(Guid candidateId, string? reason, CancellationToken ct)
    {
        if (CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        var d = await Find(candidateId, ct);
        if (d is null)
        {
            return NotFound();
        }

        if (d.Status != DuplicateStatus.Open)
        {
            return AlreadyDecided();
        }

        var now = clock.GetUtcNow();
        if (d.Kind == Domain.DuplicateKind.IdConflict)
        {
            var record = await db.Set<SourceRecord>().FirstAsync(r => r.Id == d.SourceRecordId, ct);
            record.Status = SourceRecordStatus.Disputed;
            record.UpdatedAt = now;
        }

        Decide(d, DuplicateStatus.Distinct, now, null);
        db.Audit(new Kernel.Audit.AuditRecord("mark-distinct", nameof(DuplicateCandidate), d.Id.ToString(), d.Reason, reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return d.Id;
    }

    /// <summary>Undoes a merge: records and flags go back, the merged person reappears, the queue entry reopens.</summary>
    public async Task<Result<Guid>> UndoMergeAsync(Guid mergeId, string? reason, CancellationToken ct)
    {
        if (CheckReason(reason) is { } invalid)
        {
            return invalid;
        }

        var m = await db.Set<PersonMerge>().FirstOrDefaultAsync(x => x.Id == mergeId, ct);
        if (m is null)
        {
            return NotFound();
        }

        var survivor = await db.Set<Person>().InScope(user.Scope).FirstOrDefaultAsync(p => p.Id == m.SurvivorId, ct);
        if (survivor is null)
        {
            return NotFound();
        }

        if (m.UndoneAt is not null)
        {
            return AlreadyDecided();
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

        db.Audit(new Kernel.Audit.AuditRecord("undo-merge", nameof(PersonMerge), m.Id.ToString(), $"{m.MergedId} out of {m.SurvivorId}", reason!.Trim()));
        await db.SaveChangesAsync(ct);
        return m.Id;
    }

    private static Refusal? CheckReason(string? reason)
    {
        var errors = new FieldErrors();
        errors.PlainText("reason", reason, 200, required: true);
        return errors.Any ? errors.ToRefusal() : null;
    }

    private static Refusal NotFound() => Refusal.NotFound(new Text(typeof(PeopleText), "DuplicateNotFound"));

    private static Refusal AlreadyDecided() => Refusal.Conflict(new Text(typeof(PeopleText), "AlreadyDecided"));

    private static Refusal PersonGone() => Refusal.Conflict(new Text(typeof(PeopleText), "PersonInvolvedGone"));

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
