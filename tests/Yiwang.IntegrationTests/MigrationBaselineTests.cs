using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Yiwang.HealthCodes.Data;
using Yiwang.HealthCodes.Postgres;
using Yiwang.IntegrationTests.Infrastructure;
using Yiwang.Kernel.Data;

namespace Yiwang.IntegrationTests;

/// <summary>
/// Each provider has one baseline migration (ADR 0015) whose hand-written part (HandWritten.cs of its persistence
/// project) EF Core cannot regenerate: these check that a fresh database migrated to it has that part, and that its
/// Down takes everything away again.
/// </summary>
public sealed class MigrationBaselineTests
{
    [Theory]
    [InlineData(Db.Sqlite)]
    [InlineData(Db.Postgres)]
    public async Task The_baseline_builds_the_hand_written_schema_and_its_down_removes_it(Db provider)
    {
        await using var database = await ScratchDatabase.CreateAsync(provider);
        await using var db = database.Context();
        var migrator = db.GetService<IMigrator>();

        Assert.EndsWith("_Initial", Assert.Single(db.Database.GetMigrations()));
        await migrator.MigrateAsync();

        // The audit log is append-only (ADR 0003): the database itself refuses to change or remove an entry.
        var audit = provider == Db.Postgres ? "kernel.audit_log" : "audit_log";
        await db.Database.ExecuteSqlRawAsync("INSERT INTO " + audit + " (seq, at, actor, action, entity_type, prev_hash, hash) " +
            "VALUES (1, " + (provider == Db.Postgres ? "now()" : "0") + ", 'test', 'create', 'Test', '', '')");
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE " + audit + " SET actor = 'intruder'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM " + audit));
        if (provider == Db.Postgres)
        {
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE kernel.audit_log"));
        }

        Assert.Equal(1L, await Scalar<long>(db, "SELECT count(*) AS \"Value\" FROM " + audit));

        var scanIndexes = provider == Db.Postgres
            ? await db.Database.SqlQueryRaw<string>("SELECT indexdef AS \"Value\" FROM pg_indexes WHERE schemaname = 'healthcodes' AND tablename = 'scans' ORDER BY indexname").ToListAsync()
            : await db.Database.SqlQueryRaw<string>("SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scans' AND sql IS NOT NULL ORDER BY name").ToListAsync();
        if (provider == Db.Postgres)
        {
            // ADR 0014: scans partitioned by day of scanned_at, keyed by (id, scanned_at), a DEFAULT partition for
            // days not created yet; the model's indexes (BRIN on the time, hash on the byte-ordered token) on the
            // parent, so every partition gets them.
            Assert.Equal("p", await Scalar<string>(db, "SELECT relkind::text AS \"Value\" FROM pg_class WHERE oid = 'healthcodes.scans'::regclass"));
            Assert.Equal("RANGE (scanned_at) PRIMARY KEY (id, scanned_at)", await Scalar<string>(db,
                "SELECT pg_get_partkeydef('healthcodes.scans'::regclass) || ' ' || pg_get_constraintdef(oid) AS \"Value\" FROM pg_constraint WHERE conname = 'pk_scans' AND conrelid = 'healthcodes.scans'::regclass"));
            Assert.Equal([ScanPartitions.DefaultName], await ScanPartitions.ListAsync(db, default));
            Assert.Equal("DEFAULT", await Scalar<string>(db,
                "SELECT pg_get_expr(relpartbound, oid) AS \"Value\" FROM pg_class WHERE oid = 'healthcodes." + ScanPartitions.DefaultName + "'::regclass"));
            Assert.Equal(
                [
                    "CREATE INDEX ix_scans_scanned_at ON ONLY healthcodes.scans USING brin (scanned_at)",
                    "CREATE INDEX ix_scans_subject ON ONLY healthcodes.scans USING hash (subject)",
                    "CREATE INDEX ix_scans_venue_id_scanned_at ON ONLY healthcodes.scans USING btree (venue_id, scanned_at)",
                    "CREATE UNIQUE INDEX pk_scans ON ONLY healthcodes.scans USING btree (id, scanned_at)",
                ],
                scanIndexes);
            Assert.Equal(4, await Scalar<int>(db,
                "SELECT count(*)::int AS \"Value\" FROM pg_indexes WHERE schemaname = 'healthcodes' AND tablename = '" + ScanPartitions.DefaultName + "'"));
            Assert.Equal(["scans.subject=C", "subject_links.subject=C"], await db.Database.SqlQueryRaw<string>(
                "SELECT table_name || '.' || column_name || '=' || coalesce(collation_name, '') AS \"Value\" FROM information_schema.columns " +
                "WHERE table_schema = 'healthcodes' AND column_name = 'subject' AND table_name IN ('scans', 'subject_links') ORDER BY table_name").ToListAsync());
        }
        else
        {
            // SQLite has one plain table with the (token, time) and (venue, time) b-trees.
            Assert.Contains("CONSTRAINT \"pk_scans\" PRIMARY KEY (\"id\", \"scanned_at\")", await Scalar<string>(db,
                "SELECT sql AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'scans'"), StringComparison.Ordinal);
            Assert.Equal(["ix_scans_scanned_at", "ix_scans_subject_scanned_at", "ix_scans_venue_id_scanned_at"],
                scanIndexes.Select(d => d.Split('"')[1]));
        }

        await migrator.MigrateAsync(Migration.InitialDatabase);
        var left = provider == Db.Postgres
            ? "SELECT count(*)::int AS \"Value\" FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
              "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relname NOT ILIKE '%ef%migrations%' " +
              "UNION ALL SELECT count(*)::int FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'kernel'"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '%EFMigrations%'";
        Assert.All(await db.Database.SqlQueryRaw<int>(left).ToListAsync(), n => Assert.Equal(0, n));
    }

    private static Task<T> Scalar<T>(YiwangDbContext db, string sql) => db.Database.SqlQueryRaw<T>(sql).SingleAsync();

    /// <summary>A fresh, empty database of its own (no host, so nothing is migrated or seeded behind the test's back).</summary>
    private sealed class ScratchDatabase : IAsyncDisposable
    {
        private readonly Db _provider;
        private readonly string _connectionString;
        private readonly string _name;

        private ScratchDatabase(Db provider, string connectionString, string name) =>
            (_provider, _connectionString, _name) = (provider, connectionString, name);

        public static async Task<ScratchDatabase> CreateAsync(Db provider)
        {
            if (provider == Db.Sqlite)
            {
                var file = Path.Combine(Path.GetTempPath(), $"yiwang-m-{Guid.NewGuid():N}.db");
                return new ScratchDatabase(provider, $"Data Source={file}", file);
            }

            var admin = YiwangFactory.AdminConnectionString();
            var name = $"yiwang_m_{Guid.NewGuid():N}";
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
            return new ScratchDatabase(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, name);
        }

        public YiwangDbContext Context()
        {
            var builder = new DbContextOptionsBuilder<YiwangDbContext>();
            new DatabaseOptions
            {
                Provider = _provider == Db.Postgres ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite,
                ConnectionString = _connectionString,
            }.Apply(builder);
            return new YiwangDbContext(builder.Options, Yiwang.Modules.ModuleList.Models, TimeProvider.System);
        }

        public async ValueTask DisposeAsync()
        {
            if (_provider == Db.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                foreach (var f in new[] { _name, _name + "-wal", _name + "-shm" })
                {
                    File.Delete(f);
                }

                return;
            }

            await using (var pooled = new NpgsqlConnection(_connectionString))
            {
                NpgsqlConnection.ClearPool(pooled); // this database's pool only: other classes run beside this one
            }

            await using var conn = new NpgsqlConnection(YiwangFactory.AdminConnectionString());
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
