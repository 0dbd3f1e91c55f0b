using System.Globalization;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>Command line of the benchmark.</summary>
internal sealed record BenchOptions(int Count, int Runs, bool SkipSqlite, bool Breakdown, string? WorkDir, bool Keep)
{
    /// <summary>Huangpi District, 7th national census (2020).</summary>
    public const int CensusPopulation = 1_151_644;

    public const string Usage = """
        Population load benchmark (generator + bulk load), PostgreSQL and SQLite.

          dotnet run -c Release --project bench/PopulationLoad -- [options]

          --count N        persons to generate and load (default 1151644, the 2020 census)
          --runs N         PostgreSQL repetitions, each on fresh databases; medians are reported (default 3)
          --skip-sqlite    leave out the SQLite load (the slowest part)
          --no-breakdown   leave out the diagnostics (generation alone; seeding without secondary indexes, then rebuilding them)
          --work DIR       where the CSV and the SQLite file go (default: a new folder under the temp folder)
          --keep           keep the CSV and the SQLite file afterwards

        Starts a throwaway PostgreSQL with scripts/postgres-throwaway and stops it at the end.
        The markdown report goes to stdout, progress to stderr.
        """;

    /// <summary>The options, or null (after printing why) when the command line is wrong or asks for help.</summary>
    public static BenchOptions? Parse(string[] args, TextWriter error)
    {
        var o = new BenchOptions(CensusPopulation, 3, SkipSqlite: false, Breakdown: true, WorkDir: null, Keep: false);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--count" when TryNumber(args, ++i, 1, 20_000_000, out var n):
                    o = o with { Count = n };
                    break;
                case "--runs" when TryNumber(args, ++i, 1, 99, out var n):
                    o = o with { Runs = n };
                    break;
                case "--skip-sqlite":
                    o = o with { SkipSqlite = true };
                    break;
                case "--no-breakdown":
                    o = o with { Breakdown = false };
                    break;
                case "--work" when i + 1 < args.Length:
                    o = o with { WorkDir = Path.GetFullPath(args[++i]) };
                    break;
                case "--keep":
                    o = o with { Keep = true };
                    break;
                default:
                    error.WriteLine(Usage);
                    return null;
            }
        }

        return o;
    }

    private static bool TryNumber(string[] args, int i, int min, int max, out int value)
    {
        value = 0;
        return i < args.Length
            && int.TryParse(args[i].Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal),
                NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max;
    }
}
