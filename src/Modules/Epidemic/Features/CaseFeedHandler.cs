using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features;

/// <summary>
/// Flag events become records of the default disease, or moves of an open one where the disease allows it. Anything
/// else (a forbidden move, a flag ended by the source) is recorded as ignored for a human; redelivery changes nothing.
/// </summary>
internal sealed class CaseFeedHandler : IOutboxHandler
{
    private static readonly Dictionary<string, CaseCategory> Flags = new(StringComparer.Ordinal)
    {
        [nameof(PersonFlagKind.ConfirmedCase)] = CaseCategory.Confirmed,
        [nameof(PersonFlagKind.SuspectedCase)] = CaseCategory.Suspected,
        [nameof(PersonFlagKind.CloseContact)] = CaseCategory.CloseContact,
        [nameof(PersonFlagKind.FeverPatient)] = CaseCategory.FeverPatient,
    };

    public string Topic => PersonFlagChanged.Topic;

    public async Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        var e = JsonSerializer.Deserialize<PersonFlagChanged>(payload, JsonSerializerOptions.Web);
        if (e is null || !Flags.TryGetValue(e.Flag, out var category))
        {
            return;
        }

        var db = services.GetRequiredService<YiwangDbContext>();
        if (await db.Set<CaseFeedEvent>().AnyAsync(f => f.SourceRecordId == e.SourceRecordId && f.Flag == e.Flag, ct))
        {
            return;
        }

        var clock = services.GetRequiredService<TimeProvider>();
        var catalog = services.GetRequiredService<DiseaseCatalog>();
        var workflow = services.GetRequiredService<CaseWorkflow>();
        var log = new CaseFeedEvent { SourceRecordId = e.SourceRecordId, Flag = e.Flag, At = clock.GetUtcNow() };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var disease = await catalog.DefaultAsync(db, ct);
        if (!e.Active || disease is null)
        {
            log.Outcome = "ignored";
            log.Note = disease is null ? "no default disease" : "flag ended by the source: a human decides the record's state";
        }
        else
        {
            var open = await db.Set<EpiCase>().AsNoTracking()
                .FirstOrDefaultAsync(c => c.PersonId == e.PersonId && c.DiseaseCode == disease.Value.Row.Code && !c.Closed, ct);
            if (open is null)
            {
                var reportedAt = e.Since is { } since ? new DateTimeOffset(since.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
                var created = await workflow.CreateAsync(
                    new CaseWorkflow.NewCase(e.PersonId, disease.Value.Row.Code, category, "feed:" + Clip(e.SourceSystem, 40), null, reportedAt), ct);
                (log.Outcome, log.CaseId, log.Note) = created.TryGet(out var record)
                    ? ("created", (Guid?)record.Id, (string?)null)
                    : ("ignored", null, NoteOf(created.Refusal!));
            }
            else if (open.Category == category)
            {
                (log.Outcome, log.CaseId) = ("unchanged", open.Id);
            }
            else
            {
                var target = disease.Value.Definition.InitialStates[category];
                var moved = await workflow.MoveAsync(open.Id, target, $"source {e.SourceSystem}", null, ct);
                (log.Outcome, log.CaseId, log.Note) = moved.IsOk
                    ? ("moved", (Guid?)open.Id, (string?)null)
                    : ("ignored", open.Id, NoteOf(moved.Refusal!));
            }
        }

        db.Add(log);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string Clip(string s, int max) => s.Length > max ? s[..max] : s;

    /// <summary>Operators read the feed log, in English like the rest of the log.</summary>
    private static string NoteOf(Refusal refusal) => Clip(refusal.Message.Render(Text.English), 200);
}
