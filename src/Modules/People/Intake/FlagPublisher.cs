using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.People.Domain;

namespace Yiwang.People.Intake;

/// <summary>
/// Sets the flags records carry on their persons and publishes each change as <see cref="PersonFlagChanged"/>, in the
/// import's transaction (outbox), so Epidemic and HealthCodes react without People knowing them.
/// </summary>
internal static class FlagPublisher
{
    public static async Task ApplyAsync(YiwangDbContext db, SourceSystem source, List<(SourceRecord Record, Person Person, IntakeRecord Intake)> flagged, DateTimeOffset now, CancellationToken ct)
    {
        if (flagged.Count == 0)
        {
            return;
        }

        var recordIds = flagged.Select(f => f.Record.Id).ToList();
        var existing = await db.Set<PersonFlag>().Where(f => recordIds.Contains(f.SourceRecordId)).ToListAsync(ct);
        var byRecord = existing.ToLookup(f => f.SourceRecordId);
        var events = new List<OutboxMessage>();
        var inserts = new List<PersonFlag>();
        foreach (var (record, person, r) in flagged)
        {
            var kind = r.Flag!.Value;
            foreach (var other in byRecord[record.Id].Where(f => f.Kind != kind && f.Active))
            {
                // The record changed its mind (suspected → confirmed): the old flag ends.
                other.Active = false;
                other.UpdatedAt = now;
                events.Add(Event(other, person, source, now));
            }

            var flag = byRecord[record.Id].FirstOrDefault(f => f.Kind == kind);
            if (flag is null)
            {
                flag = new PersonFlag { Id = Guid.CreateVersion7(now), PersonId = person.Id, Kind = kind, SourceRecordId = record.Id, Active = r.FlagActive, Since = r.EventDate, UpdatedAt = now };
                inserts.Add(flag);
                events.Add(Event(flag, person, source, now));
            }
            else if (flag.Active != r.FlagActive || flag.Since != r.EventDate || flag.PersonId != person.Id)
            {
                var activeChanged = flag.Active != r.FlagActive;
                flag.Active = r.FlagActive;
                flag.Since = r.EventDate;
                flag.PersonId = person.Id;
                flag.UpdatedAt = now;
                if (activeChanged)
                {
                    events.Add(Event(flag, person, source, now));
                }
            }
        }

        await BulkCopy.InsertAsync(db, inserts, ct);
        await BulkCopy.InsertAsync(db, events, ct);
    }

    private static OutboxMessage Event(PersonFlag f, Person p, SourceSystem source, DateTimeOffset now) =>
        Outbox.Message(PersonFlagChanged.Topic,
            new PersonFlagChanged(p.Id, f.Kind.ToString(), f.Active, f.SourceRecordId, source.Code, p.CommunityCode.Length > 0 ? p.CommunityCode : null, f.Since, now),
            now);
}
