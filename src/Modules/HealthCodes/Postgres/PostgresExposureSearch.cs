using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features.Tracing;
using Yiwang.Kernel.Data;

namespace Yiwang.HealthCodes.Postgres;

/// <summary><see cref="ExposureTracer"/>'s search on PostgreSQL; SQLite's stays in the tracer.</summary>
internal static class PostgresExposureSearch
{
    /// <summary>
    /// Two statements on purpose: joined in one, the planner's row guess (far too high) makes it hash the whole links
    /// table, ten times slower. The join runs with parallel workers off (SET LOCAL): over day partitions (ADR 0014) the
    /// planner prices each window as if it probed every day and picks a parallel plan costing ~10 ms in start-up alone,
    /// against under 1 ms for the nested loop (EXPLAIN ANALYZE, 4 M scans).
    /// </summary>
    public static async Task<ExposureTracer.Findings> FindAsync(
        YiwangDbContext db, string subject, Guid indexPersonId, DateTimeOffset from, DateTimeOffset to, TimeSpan window, CancellationToken ct)
    {
        var scans = ExposureTracer.Table<Scan>(db);
        var conn = db.Database.GetDbConnection();
        var opened = conn.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var visits = new HashSet<ExposureTracer.Visit>();
        var hits = new List<(string Subject, Guid VenueId, DateTimeOffset IndexAt, DateTimeOffset At)>();
        var ownTransaction = db.Database.CurrentTransaction is null ? await conn.BeginTransactionAsync(ct) : null;
        try
        {
            await using var cmd = conn.CreateCommand();
            cmd.Transaction = ownTransaction ?? db.Database.CurrentTransaction!.GetDbTransaction();
            cmd.CommandText = "SET LOCAL max_parallel_workers_per_gather = 0";
            await cmd.ExecuteNonQueryAsync(ct);
            string C(string property) => scans.Column(property);
            cmd.CommandText = $"""
                SELECT i.{C(nameof(Scan.VenueId))}, i.{C(nameof(Scan.ScannedAt))}, c.{C(nameof(Scan.Subject))}, c.{C(nameof(Scan.ScannedAt))}
                FROM {scans.Name} i
                LEFT JOIN {scans.Name} c ON c.{C(nameof(Scan.VenueId))} = i.{C(nameof(Scan.VenueId))}
                    AND c.{C(nameof(Scan.ScannedAt))} BETWEEN i.{C(nameof(Scan.ScannedAt))} - @w AND i.{C(nameof(Scan.ScannedAt))} + @w
                    AND c.{C(nameof(Scan.Subject))} <> @s
                WHERE i.{C(nameof(Scan.Subject))} = @s AND i.{C(nameof(Scan.ScannedAt))} BETWEEN @from AND @to
                """;
            ExposureTracer.Parameter(cmd, "s", subject);
            ExposureTracer.Parameter(cmd, "w", window);
            ExposureTracer.Parameter(cmd, "from", from);
            ExposureTracer.Parameter(cmd, "to", to);
            await cmd.PrepareAsync(ct); // parsed once per pooled connection (PostgreSQL still plans each case: custom plans)
            await using (var r = await cmd.ExecuteReaderAsync(ct))
            {
                while (await r.ReadAsync(ct))
                {
                    var venue = r.GetGuid(0);
                    var indexAt = r.GetFieldValue<DateTimeOffset>(1);
                    visits.Add(new ExposureTracer.Visit(venue, indexAt));
                    if (!r.IsDBNull(2))
                    {
                        hits.Add((r.GetString(2), venue, indexAt, r.GetFieldValue<DateTimeOffset>(3)));
                    }
                }
            }

            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(ct); // read only: ends the transaction and its SET LOCAL
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }

            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        var links = await ExposureTracer.LinksAsync(db, hits.Select(h => h.Subject), ct);
        var encounters = new List<ExposureTracer.Encounter>(hits.Count);
        foreach (var (hitSubject, venue, indexAt, at) in hits)
        {
            if (links.TryGetValue(hitSubject, out var person) && person != indexPersonId)
            {
                encounters.Add(new ExposureTracer.Encounter(person, venue, indexAt, at, (int)Math.Round((window - (at - indexAt).Duration()).TotalSeconds)));
            }
        }

        return new ExposureTracer.Findings([.. visits.OrderBy(v => v.At)], encounters, hits.Select(h => h.Subject).Distinct(StringComparer.Ordinal).Count(s => !links.ContainsKey(s)));
    }
}
