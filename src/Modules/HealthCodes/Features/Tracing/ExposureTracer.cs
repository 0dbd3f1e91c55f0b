using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Postgres;
using Yiwang.Kernel.Audit;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Features.Tracing;

/// <summary>
/// Reads the scans table only through its indexes (subject token; venue_id, scanned_at), then the links by key. On
/// PostgreSQL one statement the planner runs as a nested loop of index range scans; elsewhere two queries, touching
/// visit ranges merged first.
/// </summary>
internal sealed class ExposureTracer(YiwangDbContext db, IPersonDirectory people, IOptions<TracingOptions> options, TimeProvider clock, IAuditContext audit)
{
    /// <summary>At most this many visit ranges per query (three parameters each).</summary>
    private const int RangesPerQuery = 100;

    internal sealed record Visit(Guid VenueId, DateTimeOffset At);

    internal sealed record Encounter(Guid PersonId, Guid VenueId, DateTimeOffset IndexAt, DateTimeOffset ContactAt, int OverlapSeconds);

    internal sealed record Findings(IReadOnlyList<Visit> Visits, IReadOnlyList<Encounter> Encounters, int UnlinkedSubjects);

    internal sealed record Request(Guid IndexPersonId, int? WindowMinutes, int? Days, Guid? CaseId, string Trigger, string? CommunityCode = null);

    public TracingOptions Options => options.Value;

    /// <summary>The search alone, nothing stored; the window is inclusive.</summary>
    public static Task<Findings> FindAsync(
        YiwangDbContext db, string subject, Guid indexPersonId, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken ct) =>
        db.Provider == DatabaseProvider.Postgres
            ? PostgresExposureSearch.FindAsync(db, subject, indexPersonId, from.ToUniversalTime(), to.ToUniversalTime(), window, ct)
            : FindByRangesAsync(db, subject, indexPersonId, from.ToUniversalTime(), to.ToUniversalTime(), window, ct);

    internal static async Task<Dictionary<string, Guid>> LinksAsync(YiwangDbContext db, IEnumerable<string> subjects, CancellationToken ct)
    {
        var distinct = subjects.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0
            ? new Dictionary<string, Guid>(StringComparer.Ordinal)
            : await db.Set<SubjectLink>().AsNoTracking().Where(l => distinct.Contains(l.Subject))
                .ToDictionaryAsync(l => l.Subject, l => l.PersonId, StringComparer.Ordinal, ct);
    }

    internal static void Parameter(System.Data.Common.DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    /// <summary>A table's quoted name and column names as the model maps them (so the statement follows the migrations).</summary>
    internal sealed record TableNames(string Name, IReadOnlyDictionary<string, string> Columns)
    {
        public string Column(string property) => Columns[property];
    }

    internal static TableNames Table<T>(YiwangDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var name = entity.GetSchema() is { } schema ? $"\"{schema}\".\"{table.Name}\"" : $"\"{table.Name}\"";
        return new TableNames(name, entity.GetProperties().ToDictionary(p => p.Name, p => $"\"{p.GetColumnName(table)}\""));
    }

    private static async Task<Findings> FindByRangesAsync(
        YiwangDbContext db, string subject, Guid indexPersonId, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken ct)
    {
        var visits = await db.Set<Scan>().AsNoTracking()
            .Where(s => s.Subject == subject && s.ScannedAt >= from && s.ScannedAt <= to)
            .OrderBy(s => s.ScannedAt)
            .Select(s => new Visit(s.VenueId, s.ScannedAt))
            .ToListAsync(ct);
        if (visits.Count == 0)
        {
            return new Findings([], [], 0);
        }

        var hits = new List<(string Subject, Guid VenueId, DateTimeOffset At)>();
        foreach (var chunk in Ranges(visits, window).Chunk(RangesPerQuery))
        {
            var rows = await db.Set<Scan>().AsNoTracking()
                .Where(AnyRange(chunk))
                .Where(s => s.Subject != subject)
                .Select(s => new { s.Subject, s.VenueId, s.ScannedAt })
                .ToListAsync(ct);
            hits.AddRange(rows.Select(r => (r.Subject, r.VenueId, r.ScannedAt)));
        }

        var subjects = hits.Select(h => h.Subject).Distinct(StringComparer.Ordinal).ToList();
        var links = await LinksAsync(db, subjects, ct);

        var byVenue = visits.GroupBy(v => v.VenueId).ToDictionary(g => g.Key, g => g.Select(v => v.At).ToArray());
        var encounters = new List<Encounter>();
        foreach (var (hitSubject, venue, at) in hits)
        {
            if (!links.TryGetValue(hitSubject, out var person) || person == indexPersonId)
            {
                continue;
            }

            foreach (var indexAt in byVenue[venue])
            {
                var gap = (at - indexAt).Duration();
                if (gap <= window)
                {
                    encounters.Add(new Encounter(person, venue, indexAt, at, (int)Math.Round((window - gap).TotalSeconds)));
                }
            }
        }

        return new Findings(visits, encounters, subjects.Count(s => !links.ContainsKey(s)));
    }

    /// <summary>The time ranges to read per venue: each visit ± the window, merged where they touch.</summary>
    internal static IEnumerable<(Guid VenueId, DateTimeOffset From, DateTimeOffset To)> Ranges(IEnumerable<Visit> visits, TimeSpan window)
    {
        foreach (var venue in visits.GroupBy(v => v.VenueId))
        {
            (DateTimeOffset From, DateTimeOffset To)? open = null;
            foreach (var at in venue.Select(v => v.At).Order())
            {
                if (open is { } o && at - window <= o.To)
                {
                    open = (o.From, at + window);
                    continue;
                }

                if (open is { } done)
                {
                    yield return (venue.Key, done.From, done.To);
                }

                open = (at - window, at + window);
            }

            if (open is { } last)
            {
                yield return (venue.Key, last.From, last.To);
            }
        }
    }

    /// <summary>Each value a parameter (read through a holder as a closure would be), so both providers use the
    /// (venue_id, scanned_at) index for every range.</summary>
    private static Expression<Func<Scan, bool>> AnyRange(IEnumerable<(Guid VenueId, DateTimeOffset From, DateTimeOffset To)> ranges)
    {
        var s = Expression.Parameter(typeof(Scan), "s");
        var venue = Expression.Property(s, nameof(Scan.VenueId));
        var at = Expression.Property(s, nameof(Scan.ScannedAt));
        Expression? any = null;
        foreach (var r in ranges)
        {
            var holder = Expression.Constant(new RangeArgs(r.VenueId, r.From, r.To));
            var one = Expression.AndAlso(
                Expression.Equal(venue, Expression.Property(holder, nameof(RangeArgs.Venue))),
                Expression.AndAlso(
                    Expression.GreaterThanOrEqual(at, Expression.Property(holder, nameof(RangeArgs.From))),
                    Expression.LessThanOrEqual(at, Expression.Property(holder, nameof(RangeArgs.To)))));
            any = any is null ? one : Expression.OrElse(any, one);
        }

        return Expression.Lambda<Func<Scan, bool>>(any ?? Expression.Constant(false), s);
    }

    private sealed record RangeArgs(Guid Venue, DateTimeOffset From, DateTimeOffset To);

    /// <summary>One transaction, one audit entry; the caller checks permission and scope.</summary>
    public async Task<ExposureTracing> RunAsync(Request request, CancellationToken ct)
    {
        var window = Math.Clamp(request.WindowMinutes ?? Options.Window, 1, TracingOptions.MaxWindowMinutes);
        var days = Math.Clamp(request.Days ?? Options.Days, 1, Options.Retention);
        var now = clock.GetUtcNow();
        var person = await people.FindAsync(request.IndexPersonId, ct);
        var community = person?.CommunityCode is { Length: > 0 } c ? c : request.CommunityCode ?? "";
        var subject = await db.Set<SubjectLink>().AsNoTracking()
            .Where(l => l.PersonId == request.IndexPersonId).Select(l => l.Subject).FirstOrDefaultAsync(ct);
        var started = Stopwatch.GetTimestamp();
        var found = subject is null
            ? new Findings([], [], 0)
            : await FindAsync(db, subject, request.IndexPersonId, now.AddDays(-days), now, TimeSpan.FromMinutes(window), ct);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var tracing = new ExposureTracing
        {
            Id = Guid.CreateVersion7(now),
            IndexPersonId = request.IndexPersonId,
            IndexCommunityCode = community,
            IndexStreetCode = person?.StreetCode is { Length: > 0 } s ? s : community.Length >= 9 ? community[..9] : "",
            CaseId = request.CaseId,
            Trigger = request.Trigger,
            WindowMinutes = window,
            Days = days,
            From = now.AddDays(-days),
            To = now,
            CreatedAt = now,
            CreatedBy = audit.Actor,
            HasCode = subject is not null,
            Visits = found.Visits.Count,
            Venues = found.Visits.Select(v => v.VenueId).Distinct().Count(),
            Encounters = found.Encounters.Count,
            UnlinkedSubjects = found.UnlinkedSubjects,
            SearchMilliseconds = (int)Math.Ceiling(elapsed.TotalMilliseconds),
        };
        var contacts = found.Encounters.GroupBy(e => e.PersonId).Select(g => new TracingContact
        {
            TracingId = tracing.Id,
            PersonId = g.Key,
            Encounters = g.Count(),
            Venues = g.Select(e => e.VenueId).Distinct().Count(),
            FirstAt = g.Min(e => e.ContactAt),
            MaxOverlapSeconds = g.Max(e => e.OverlapSeconds),
        }).ToList();
        tracing.Contacts = contacts.Count;
        var encounters = found.Encounters.Select(e => new TracingEncounter
        {
            TracingId = tracing.Id, PersonId = e.PersonId, VenueId = e.VenueId, IndexScannedAt = e.IndexAt, ContactScannedAt = e.ContactAt, OverlapSeconds = e.OverlapSeconds,
        });
        // One transaction; one audit entry for the tracing, not one per contact row (the rows are its result, not
        // separate decisions), and the rows by bulk copy rather than row by row.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(tracing);
        await db.SaveChangesAsync(new AuditRecord("trace", nameof(ExposureTracing), tracing.Id.ToString(),
            $"index {tracing.IndexPersonId} ({tracing.Trigger}{(request.CaseId is { } id ? " case " + id : "")}): ±{window} min, {days} days, " +
            $"{tracing.Visits} visits at {tracing.Venues} venues, {tracing.Contacts} contacts, {tracing.Encounters} encounters"), ct);
        await BulkCopy.InsertAsync(db, contacts, ct);
        await BulkCopy.InsertAsync(db, encounters, ct);
        await tx.CommitAsync(ct);
        return tracing;
    }
}
