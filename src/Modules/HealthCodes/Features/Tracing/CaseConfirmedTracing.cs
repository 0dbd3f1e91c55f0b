using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;

namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>
/// Traces a person as soon as their four-category record becomes confirmed (the Epidemic module's
/// <see cref="CaseStateChanged"/> with category Confirmed): one tracing per record, however many confirmed states the
/// record passes through and however often the event is delivered.
/// </summary>
internal sealed class CaseConfirmedTracing : IOutboxHandler
{
    public const string Confirmed = "Confirmed";

    public string Topic => CaseStateChanged.Topic;

    public async Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        var e = Outbox.Read<CaseStateChanged>(payload);
        if (!string.Equals(e.Category, Confirmed, StringComparison.Ordinal) || e.Closed)
        {
            return;
        }

        var db = services.GetRequiredService<YiwangDbContext>();
        if (await db.Set<ExposureTracing>().AnyAsync(t => t.CaseId == e.CaseId, ct))
        {
            return;
        }

        try
        {
            await services.GetRequiredService<ExposureTracer>()
                .RunAsync(new ExposureTracer.Request(e.PersonId, null, null, e.CaseId, "case", e.CommunityCode), ct);
        }
        catch (DbUpdateException)
        {
            // Two deliveries raced (a lease ran out mid-run): the unique case id kept one tracing. Anything else fails
            // the delivery, which the outbox retries.
            if (!await OtherDeliveryWonAsync(services, e.CaseId, ct))
            {
                throw;
            }
        }
    }

    private static async Task<bool> OtherDeliveryWonAsync(IServiceProvider services, Guid caseId, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<YiwangDbContext>().Set<ExposureTracing>().AnyAsync(t => t.CaseId == caseId, ct);
    }
}
