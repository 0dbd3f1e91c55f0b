using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;

namespace Yiwang.Epidemic.Features;

/// <summary>
/// A person who already has an open record of the disease keeps it (a confirmed case stays confirmed; a contact is not
/// traced twice). Each record's origin names the tracing, so a redelivered event makes no second one.
/// </summary>
internal sealed class ContactsConfirmedHandler : IOutboxHandler
{
    public string Topic => ContactsConfirmed.Topic;

    public static string Origin(Guid tracingId) => "tracing:" + tracingId;

    public async Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        var e = Outbox.Read<ContactsConfirmed>(payload);
        var db = services.GetRequiredService<YiwangDbContext>();
        var disease = await services.GetRequiredService<DiseaseCatalog>().DefaultAsync(db, ct);
        if (disease is null || e.PersonIds.Count == 0)
        {
            return;
        }

        var code = disease.Value.Row.Code;
        var origin = Origin(e.TracingId);
        var ids = e.PersonIds.Distinct().ToList();
        // Done before (a redelivery) or already followed: both are left alone.
        var made = await db.Set<EpiCase>().AsNoTracking().Where(c => c.Origin == origin && ids.Contains(c.PersonId)).Select(c => c.PersonId).ToListAsync(ct);
        var open = await db.Set<EpiCase>().AsNoTracking().Where(c => c.DiseaseCode == code && !c.Closed && ids.Contains(c.PersonId))
            .Select(c => c.PersonId).ToListAsync(ct);
        var skip = made.Concat(open).ToHashSet();
        var workflow = services.GetRequiredService<CaseWorkflow>();
        foreach (var person in ids.Where(p => !skip.Contains(p)))
        {
            // One record per call, each in its own transaction: a failure part-way leaves the earlier ones made, and the
            // redelivery skips them by their origin.
            var created = await workflow.CreateAsync(
                new CaseWorkflow.NewCase(person, code, CaseCategory.CloseContact, origin, $"exposure tracing {e.TracingId}"), ct);
            if (created.Refusal is { Code: not "open-record-exists" and not "not-found" } refusal)
            {
                throw new InvalidOperationException($"close-contact record for {person} refused: {refusal}");
            }

            db.ChangeTracker.Clear();
        }
    }
}
