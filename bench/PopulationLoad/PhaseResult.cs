namespace Yiwang.Bench.PopulationLoad;

/// <summary>One timed phase of one run.</summary>
/// <param name="Key">Which phase (see <see cref="Phases"/>).</param>
/// <param name="Run">1-based repetition.</param>
/// <param name="Elapsed">Wall-clock time of the phase.</param>
/// <param name="ClientCpu">CPU time of this process (all threads, GC included) during the phase.</param>
/// <param name="ServerCpu">CPU time of the PostgreSQL cluster's processes during the phase; null without PostgreSQL.</param>
/// <param name="Memory">This process's memory during the phase.</param>
/// <param name="Persons">Persons generated or loaded, counted after the phase.</param>
/// <param name="Bytes">Size of what the phase produced: the CSV file, the table with its indexes, the SQLite file.</param>
/// <param name="WalBytes">WAL the cluster wrote during the phase; null without PostgreSQL.</param>
internal sealed record PhaseResult(
    string Key, int Run, TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan? ServerCpu, MemoryReading Memory, long Persons, long? Bytes, long? WalBytes);

/// <summary>The phases, in report order, with their labels.</summary>
internal static class Phases
{
    public const string Csv = "csv";
    public const string GenerateOnly = "gen";
    public const string BareCopy = "copy";
    public const string SeedPostgres = "seed-pg";
    public const string SeedPostgresNoIndexes = "seed-pg-noidx";
    public const string RecreateIndexes = "recreate-idx";
    public const string MigratePostgres = "migrate-pg";
    public const string JurisdictionsPostgres = "jurisdictions-pg";
    public const string SeedSqlite = "seed-sqlite";
    public const string MigrateSqlite = "migrate-sqlite";
    public const string JurisdictionsSqlite = "jurisdictions-sqlite";

    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (Csv, "1. Generate → CSV (`generate-population --out`)"),
        (GenerateOnly, "1′. generation alone, nothing written (diagnostic)"),
        (BareCopy, "2. Bare `COPY … FROM STDIN (FORMAT csv)`, unindexed table"),
        (SeedPostgres, "3. `PopulationSeeder.SeedAsync`, PostgreSQL"),
        (SeedPostgresNoIndexes, "3′. same, secondary indexes + FK dropped (diagnostic)"),
        (RecreateIndexes, "3″. then recreating them on the loaded tables (diagnostic)"),
        (MigratePostgres, "3a. migrate a fresh database, PostgreSQL"),
        (JurisdictionsPostgres, "3b. `JurisdictionSeeder.EnsureAsync`, PostgreSQL"),
        (SeedSqlite, "4. `PopulationSeeder.SeedAsync`, SQLite"),
        (MigrateSqlite, "4a. migrate a fresh database, SQLite"),
        (JurisdictionsSqlite, "4b. `JurisdictionSeeder.EnsureAsync`, SQLite"),
    ];
}
