using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yiwang.HealthCodes.Domain;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;

namespace Yiwang.HealthCodes.Features.Colours;

/// <summary>Each state of a record is a span; a move ends the open span (with the state it moved to) and opens the
/// next. The person is re-evaluated in the same save; a redelivered or older event changes nothing.</summary>
internal sealed class CaseStateColourHandler : IOutboxHandler
{
    public string Topic => CaseStateChanged.Topic;

    public async Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        var e = JsonSerializer.Deserialize<CaseStateChanged>(payload, JsonSerializerOptions.Web);
        if (e is null)
        {
            return;
        }

        var db = services.GetRequiredService<YiwangDbContext>();
        var spans = await db.Set<ColourFact>().Where(f => f.SourceId == e.CaseId && f.Kind == "case").ToListAsync(ct);
        if (spans.Count > 0 && spans.Max(f => f.LastEventAt) >= e.At)
        {
            return;
        }

        var open = spans.FirstOrDefault(f => f.End is null);
        if (open is not null)
        {
            open.End = e.At;
            open.EndState = e.State;
            open.LastEventAt = e.At;
        }

        if (!e.Closed)
        {
            db.Add(new ColourFact
            {
                // The state is kept as its code: reasons name it in the reader's language when shown (ColoursText CaseState_*).
                PersonId = e.PersonId, Kind = "case", SourceId = e.CaseId, Category = e.Category, Detail = e.DiseaseCode, State = e.State,
                StateLabel = "", Start = e.At, LastEventAt = e.At,
            });
        }
        else if (open is null)
        {
            // A record created closed (never happens with the default disease) or whose earlier events were lost: nothing to colour.
            return;
        }

        await services.GetRequiredService<ColourEngine>().ReevaluateAsync(db, e.PersonId, "rule", "system:colour-rules", ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A source's flag (a fever-clinic visit, a CDC case report) → a colour fact the rules can name with kind "flag".</summary>
internal sealed class FlagColourHandler : IOutboxHandler
{
    public string Topic => PersonFlagChanged.Topic;

    public async Task HandleAsync(string payload, IServiceProvider services, CancellationToken ct)
    {
        var e = JsonSerializer.Deserialize<PersonFlagChanged>(payload, JsonSerializerOptions.Web);
        if (e is null)
        {
            return;
        }

        var db = services.GetRequiredService<YiwangDbContext>();
        var fact = await db.Set<ColourFact>().FirstOrDefaultAsync(f => f.SourceId == e.SourceRecordId && f.Kind == "flag" && f.Category == e.Flag && f.PersonId == e.PersonId, ct);
        if (fact is not null && fact.LastEventAt >= e.At)
        {
            return;
        }

        if (e.Active)
        {
            if (fact is null)
            {
                var start = e.Since is { } day ? Kernel.Time.DistrictTime.StartOfDay(day) : e.At;
                db.Add(new ColourFact
                {
                    PersonId = e.PersonId, Kind = "flag", SourceId = e.SourceRecordId, Category = e.Flag, Detail = e.SourceSystem, Start = start, LastEventAt = e.At,
                });
            }
            else
            {
                fact.End = null;
                fact.LastEventAt = e.At;
            }
        }
        else if (fact is not null)
        {
            fact.End = e.At;
            fact.LastEventAt = e.At;
        }
        else
        {
            return;
        }

        await services.GetRequiredService<ColourEngine>().ReevaluateAsync(db, e.PersonId, "rule", "system:colour-rules", ct);
        await db.SaveChangesAsync(ct);
    }
}
