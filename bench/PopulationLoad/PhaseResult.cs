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
/// <param name="Intake">The intake's own timings of the import, when the phase ran one.</param>
internal sealed record PhaseResult(
    string Key, int Run, TimeSpan Elapsed, TimeSpan ClientCpu, TimeSpan? ServerCpu, MemoryReading Memory, long Persons, long? Bytes, long? WalBytes,
    IntakeTimings? Intake);

/// <summary>What a phase produced, established after its timing.</summary>
internal sealed record PhaseOutcome(long Persons, long? Bytes, IntakeTimings? Intake = null);

/// <summary>The phases, in report order, with their labels.</summary>
internal static class Phases
{
    public const string Csv = "csv";
    public const string GenerateOnly = "gen";
    public const string BareCopy = "copy";
    public const string Floor = "floor";
    public const string SeedPostgres = "seed-pg";
    public const string SeedPostgresNoIndexes = "seed-pg-noidx";
    public const string RecreateIndexes = "recreate-idx";
    public const string MigratePostgres = "migrate-pg";
    public const string ReferencePostgres = "reference-pg";
    public const string ImportPostgres = "import-pg";
    public const string SeedSqlite = "seed-sqlite";
    public const string ReimportPostgres = "reimport-pg";
    public const string ImportSqlite = "import-sqlite";
    public const string ReimportSqlite = "reimport-sqlite";
    public const string MigrateSqlite = "migrate-sqlite";
    public const string ReferenceSqlite = "reference-sqlite";
    public const string FloorSqlite = "floor-sqlite";

    public static readonly IReadOnlyList<(string Key, string Label)> All =
    [
        (Csv, "1. Generate → CSV (`generate-population --out`)"),
        (GenerateOnly, "1′. generation alone, nothing written (diagnostic)"),
        (BareCopy, "2. Bare `COPY … FROM STDIN (FORMAT csv)`, unindexed table"),
        (Floor, "2f. Physical floor: `COPY` of the rows the registry stores (households, persons, source records) into its tables, then their indexes and foreign keys"),
        (SeedPostgres, "3. `PopulationSeeder.SeedAsync` (`generate-population --into-db`), PostgreSQL"),
        (ImportPostgres, "3i. `import --source gaj-huji` of the CSV of phase 1, PostgreSQL"),
        (ReimportPostgres, "3r. the same file imported again (all unchanged), PostgreSQL"),
        (SeedPostgresNoIndexes, "3′. seed with non-unique indexes + FKs dropped (diagnostic)"),
        (RecreateIndexes, "3″. then recreating them on the loaded tables (diagnostic)"),
        (MigratePostgres, "3a. migrate a fresh database, PostgreSQL"),
        (ReferencePostgres, "3b. reference data (jurisdictions, source systems), PostgreSQL"),
        (ImportSqlite, "4i. `import --source gaj-huji` of the CSV of phase 1, SQLite"),
        (ReimportSqlite, "4r. the same file imported again (all unchanged), SQLite"),
        (FloorSqlite, "4f. SQLite's floor: the rows 4i stored, copied by SQLite itself (`INSERT … SELECT`, row by row) into a fresh migrated file with the secondary indexes dropped, then the indexes built, one transaction"),
        (MigrateSqlite, "4a. migrate a fresh database, SQLite"),
        (ReferenceSqlite, "4b. reference data, SQLite"),
    ];
}
