using Microsoft.EntityFrameworkCore;
using Yiwang.Epidemic.Domain;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Audit;
using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Events;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Features;

/// <summary>The one place four-category records are created and moved, by hand and by feeds alike: the dashboard
/// counters are kept in the same transaction, and a refusal writes nothing.</summary>
internal sealed class CaseWorkflow(YiwangDbContext db, DiseaseCatalog catalog, IPersonDirectory people, TimeProvider clock, IAuditContext audit)
{
    internal sealed record NewCase(Guid PersonId, string? DiseaseCode, CaseCategory Category, string Origin, string? Reason, DateTimeOffset? ReportedAt = null);

    /// <summary>Creates a record in the category's initial state. The caller checks the person is in its scope.</summary>
    public async Task<Result<EpiCase>> CreateAsync(NewCase request, CancellationToken ct)
    {
        var disease = request.DiseaseCode is { Length: > 0 } code ? await catalog.FindAsync(db, code, ct) : await catalog.DefaultAsync(db, ct);
        if (disease is not { } d || !d.Row.Active)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.UnknownDisease"), "unknown-disease");
        }

        var person = await people.FindAsync(request.PersonId, ct);
        if (person is null)
        {
            return Refusal.NotFound(EpidemicText.Of("Problem.PersonNotFound"));
        }

        var open = await db.Set<EpiCase>().AsNoTracking()
            .Where(c => c.PersonId == person.Id && c.DiseaseCode == d.Row.Code && !c.Closed).Select(c => new { c.Id, c.State }).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.OpenRecordExists", d.Row.NameZh, open.State, d.Row.NameEn), "open-record-exists");
        }

        var state = d.Definition.State(d.Definition.InitialStates[request.Category])!;
        var now = clock.GetUtcNow();
        var community = person.CommunityCode ?? "";
        var record = new EpiCase
        {
            Id = Guid.CreateVersion7(),
            DiseaseCode = d.Row.Code,
            PersonId = person.Id,
            Category = state.Category,
            State = state.Code,
            StateSince = now,
            PhaseSince = now,
            CommunityCode = community,
            StreetCode = person.StreetCode ?? "",
            ResponsibleUnit = community.Length > 0 ? community : AccessScope.DistrictCode,
            ReportedAt = request.ReportedAt ?? now,
            Origin = request.Origin,
            CreatedBy = audit.Actor,
        };
        db.Add(record);
        db.Add(new CaseTransition { CaseId = record.Id, FromState = "", ToState = state.Code, At = now, Actor = audit.Actor, Reason = request.Reason, UnitCode = record.ResponsibleUnit });
        PublishState(record, state, now);
        await SaveWithCountersAsync([(record.CommunityCode, state, +1)], record.DiseaseCode, ct);
        return record;
    }

    /// <summary>What moves are open to a record now, with what each still needs (for pages and the API).</summary>
    public async Task<IReadOnlyList<(TransitionDefinition Move, StateDefinition To, Refusal? Blocked)>> OptionsAsync(EpiCase record, CancellationToken ct)
    {
        var d = await catalog.FindAsync(db, record.DiseaseCode, ct);
        if (d is null || record.Closed)
        {
            return [];
        }

        var list = new List<(TransitionDefinition, StateDefinition, Refusal?)>();
        foreach (var t in d.Value.Definition.From(record.State))
        {
            list.Add((t, d.Value.Definition.State(t.To)!, await CheckConditionsAsync(record, t, ct)));
        }

        return list;
    }

    /// <summary>Moves a record; <paramref name="expectedVersion"/> guards against two people moving it at once.</summary>
    public async Task<Result<EpiCase>> MoveAsync(Guid caseId, string to, string? reason, uint? expectedVersion, CancellationToken ct)
    {
        var record = await db.Set<EpiCase>().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (record is null)
        {
            return RecordNotFound();
        }

        if (expectedVersion is { } v && v != record.Version)
        {
            return Stale();
        }

        var d = (await catalog.FindAsync(db, record.DiseaseCode, ct))!.Value.Definition;
        if (record.Closed)
        {
            return Refusal.Conflict(EpidemicText.Of("Problem.RecordClosed", record.State), "closed");
        }

        var move = d.Transition(record.State, to);
        if (move is null || d.State(to) is not { } target)
        {
            var allowed = string.Join(", ", d.From(record.State).Select(t => t.To));
            return Refusal.BadRequest(EpidemicText.Of("Problem.IllegalTransition", record.State, to, allowed), "illegal-transition");
        }

        if (move.ReasonRequired && string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.ReasonRequired"), "reason-required");
        }

        if (CaseReason.TooLong(reason) is { } tooLong)
        {
            return Refusal.BadRequest(tooLong, "reason-too-long");
        }

        if (await CheckConditionsAsync(record, move, ct) is { } blocked)
        {
            return blocked;
        }

        var from = d.State(record.State)!;
        var now = clock.GetUtcNow();
        record.State = target.Code;
        record.Category = target.Category;
        record.StateSince = now;
        if (target.PhaseCode != from.PhaseCode)
        {
            record.PhaseSince = now;
        }

        record.Closed = target.Terminal;
        record.Version++;
        db.Add(new CaseTransition
        {
            CaseId = record.Id, FromState = from.Code, ToState = target.Code, At = now, Actor = audit.Actor, Reason = reason?.Trim(), UnitCode = record.ResponsibleUnit,
        });
        PublishState(record, target, now);
        try
        {
            await SaveWithCountersAsync([(record.CommunityCode, from, -1), (record.CommunityCode, target, +1)], record.DiseaseCode, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Stale();
        }

        return record;
    }

    /// <summary>In the same transaction. The event carries the state code only, so renaming a state never rewrites
    /// subscribers' history.</summary>
    private void PublishState(EpiCase record, StateDefinition state, DateTimeOffset now) =>
        db.Publish(CaseStateChanged.Topic, new CaseStateChanged(
            record.Id, record.PersonId, record.DiseaseCode, state.Code, state.Category.ToString(), state.Terminal,
            record.CommunityCode.Length > 0 ? record.CommunityCode : null, now), now);

    private async Task<Refusal?> CheckConditionsAsync(EpiCase record, TransitionDefinition move, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (move.MinDaysInState > 0)
        {
            var days = (int)Math.Floor((now - record.PhaseSince).TotalDays);
            if (days < move.MinDaysInState)
            {
                var until = Kernel.Time.DistrictTime.Now(clock).Add(TimeSpan.FromDays(move.MinDaysInState - (now - record.PhaseSince).TotalDays));
                var earliest = until.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
                return Refusal.BadRequest(EpidemicText.Of("Problem.PeriodNotOver", move.MinDaysInState, days, earliest), "period-not-over");
            }
        }

        if (move.RequiredNegativeTests > 0)
        {
            var since = record.PhaseSince;
            var tests = await db.Set<CaseTest>().AsNoTracking()
                .Where(t => t.CaseId == record.Id && t.SampledAt >= since).Select(t => t.Result).ToListAsync(ct);
            if (tests.Contains(TestResult.Positive))
            {
                return Refusal.BadRequest(EpidemicText.Of("Problem.PositiveTest"), "positive-test");
            }

            if (tests.Count < move.RequiredNegativeTests)
            {
                return Refusal.BadRequest(EpidemicText.Of("Problem.TestsMissing", move.RequiredNegativeTests, tests.Count), "tests-missing");
            }
        }

        return null;
    }

    /// <summary>Records a test result; tests sampled in the future are refused.</summary>
    public async Task<Result<CaseTest>> AddTestAsync(Guid caseId, string kind, TestResult result, DateTimeOffset sampledAt, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (sampledAt > now.AddMinutes(5))
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.SampledInFuture"), "sampled-in-future");
        }

        if (string.IsNullOrWhiteSpace(kind) || kind.Length > 32)
        {
            return Refusal.BadRequest(EpidemicText.Of("Problem.TestKind"), "test-kind");
        }

        if (!await db.Set<EpiCase>().AnyAsync(c => c.Id == caseId, ct))
        {
            return RecordNotFound();
        }

        var test = new CaseTest { CaseId = caseId, Kind = kind.Trim(), Result = result, SampledAt = sampledAt.ToUniversalTime(), RecordedAt = now, RecordedBy = audit.Actor };
        db.Add(test);
        await db.SaveChangesAsync(ct);
        return test;
    }

    private static Refusal RecordNotFound() => Refusal.NotFound(EpidemicText.Of("Problem.RecordNotFound"));

    private static Refusal Stale() => Refusal.Conflict(EpidemicText.Of("Problem.RecordStale"), "stale");

    private async Task SaveWithCountersAsync(IReadOnlyList<(string Community, StateDefinition State, int Delta)> changes, string disease, CancellationToken ct)
    {
        var own = db.Database.CurrentTransaction is null;
        await using var tx = own ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        var stamp = clock.GetUtcNow().UtcTicks;
        foreach (var (community, state, delta) in changes)
        {
            await CaseCounters.ApplyAsync(db, disease, community, state.Code, state.Category, delta, stamp, ct);
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
    }
}
