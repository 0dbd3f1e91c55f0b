using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Yiwang.HealthCodes.Postgres;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;

namespace Yiwang.IntegrationTests;

/// <summary>
/// PostgreSQL only (SQLite's migration only changes the key): the hand-written migration ScansByDay (ADR 0014) turns
/// a scans table that already holds rows into the partitioned one without losing or doubling any, the partition job
/// then moves a day's rows out of DEFAULT, and the migration's Down brings the plain table back with the same rows.
/// </summary>
public sealed class ScansMigrationTests
{
    private const string Before = "20261127063240_ScanTokensCollationAndTimeBrin";

    [Fact]
    public async Task Existing_scans_survive_partitioning_and_its_reversal()
    {
        var admin = YiwangFactory.AdminConnectionString();
        var database = $"yiwang_m_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", conn);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        try
        {
            var builder = new DbContextOptionsBuilder<YiwangDbContext>();
            new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = connectionString }.Apply(builder);
            await using var db = new YiwangDbContext(builder.Options,
                Yiwang.Modules.ModuleList.Models,
                TimeProvider.System);
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(Before);

            // 300 scans over the last three district days, at the old table.
            var today = DistrictTime.Today(TimeProvider.System);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO healthcodes.scans (id, venue_id, subject, scanned_at, received_at, colour, kid, mode)
                SELECT gen_random_uuid(), gen_random_uuid(), 'subject-' || g, t, t, 0, 'k1', 0
                FROM generate_series(1, 300) g, LATERAL (SELECT {0}::timestamptz + (g % 3) * interval '1 day' + interval '5 hours' AS t) x
                """, DistrictTime.StartOfDay(today.AddDays(-2)));
            var before = await Fingerprint(db);

            await migrator.MigrateAsync();
            Assert.Equal(before, await Fingerprint(db));
            Assert.Equal([ScanPartitions.DefaultName], await ScanPartitions.ListAsync(db, default));
            Assert.Equal(300, await Count(db, ScanPartitions.DefaultName));

            // The job's step: yesterday's and today's rows move into their days, the rest stays in DEFAULT.
            Assert.Equal(2, await ScanPartitions.EnsureAsync(db, today.AddDays(-1), today, default));
            Assert.Equal((100, 100, 100), (await Count(db, ScanPartitions.DefaultName), await Count(db, ScanPartitions.NameOf(today.AddDays(-1))), await Count(db, ScanPartitions.NameOf(today))));
            Assert.Equal(before, await Fingerprint(db));

            await migrator.MigrateAsync(Before);
            Assert.Equal(before, await Fingerprint(db));
            Assert.Equal("r", await db.Database.SqlQueryRaw<string>("SELECT relkind::text AS \"Value\" FROM pg_class WHERE oid = 'healthcodes.scans'::regclass").SingleAsync());
        }
        finally
        {
            await using (var pooled = new NpgsqlConnection(connectionString))
            {
                NpgsqlConnection.ClearPool(pooled); // this database's pool only: other classes run beside this one
            }

            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Count and an order-independent digest of every row.</summary>
    private static Task<string> Fingerprint(YiwangDbContext db) => db.Database.SqlQueryRaw<string>(
        "SELECT count(*) || ':' || coalesce(md5(string_agg(s::text, ',' ORDER BY id)), '') AS \"Value\" FROM healthcodes.scans s").SingleAsync();

    private static Task<long> Count(YiwangDbContext db, string partition) =>
#pragma warning disable EF1002 // a partition name we made
        db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM healthcodes.\"{partition}\"").SingleAsync();
#pragma warning restore EF1002
}
