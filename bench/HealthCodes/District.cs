using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;
using Yiwang.HealthCodes.Domain;
using Yiwang.HealthCodes.Features;
using Yiwang.HealthCodes.Postgres;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;

namespace Yiwang.Bench.HealthCodes;

/// <summary>
/// The district as the benchmark sees it: every resident with a subject link, venues spread over the communities by
/// population, each resident's habit (a fifth never scan, the others with a heavy-tailed rate), and the scans of the
/// last days — people scan near home (three in four in their own community, most of the rest in their own township),
/// busy venues busier, mornings and early evenings busiest — written in time order, as they would have arrived.
/// </summary>
internal sealed class District
{
    private static readonly double[] HourWeights =
        [0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 5, 6.5, 8, 8, 7, 5.5, 5, 5, 5.5, 7.5, 8, 6.5, 4.5, 2.5, 1.2, 0.5];

    private static readonly string[] Kinds = ["supermarket", "market", "mall", "station", "hospital", "school", "office", "other"];

    public required Guid[] PersonIds { get; init; }

    public required string[] Tokens { get; init; }

    /// <summary>Cumulative scanning weights over persons (zero-weight persons never scan).</summary>
    public required double[] Activity { get; init; }

    public required VenueRow[] Venues { get; init; }

    /// <summary>Each person's home community (same order as <see cref="PersonIds"/>).</summary>
    public required string[] PersonCommunity { get; init; }

    public required byte[] SubjectSecret { get; init; }

    internal sealed record VenueRow(Guid Id, string Code, string Key, string CommunityCode);

    /// <summary>The venue key the benchmark gives venue <paramref name="i"/> (only its hash is stored).</summary>
    public static string VenueKey(int i) => $"bench-venue-key-{i:D6}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("k" + i)))[..16]}";

    public static string KeyHash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>A person who scans, drawn by their habit.</summary>
    public int SampleActive(Random random) => Sample(Activity, random);

    private static int Sample(double[] cumulative, Random random)
    {
        var x = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, x);
        return i >= 0 ? Math.Min(i + 1, cumulative.Length - 1) : ~i;
    }

    /// <summary>Reads the residents and builds links and venues (written when <paramref name="write"/>).</summary>
    public static async Task<District> BuildAsync(YiwangDbContext db, int venueCount, byte[] secret, bool write, Action<string> log, CancellationToken ct)
    {
        var persons = await db.Set<Person>().AsNoTracking().Where(p => p.MergedIntoId == null).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.CommunityCode }).ToListAsync(ct);
        var random = new Random(20200123);
        var tokens = persons.Select(p => HealthCodeFormat.SubjectToken(secret, p.Id)).ToArray();
        var activity = new double[persons.Count];
        var sum = 0.0;
        for (var i = 0; i < persons.Count; i++)
        {
            // A fifth never scan (small children, the bedridden); the others lognormally, so some scan many times a day.
            var w = random.NextDouble() < 0.2 ? 0 : Math.Exp(Gaussian(random) * 0.9);
            sum += w;
            activity[i] = sum;
        }

        // Venues per community in proportion to its residents (at least one each).
        var byCommunity = persons.GroupBy(p => p.CommunityCode).Select(g => (Code: g.Key, Count: g.Count())).OrderBy(g => g.Code, StringComparer.Ordinal).ToList();
        var venues = new List<VenueRow>(venueCount);
        foreach (var (code, count) in byCommunity)
        {
            var n = Math.Max(1, (int)Math.Round((double)venueCount * count / persons.Count));
            for (var k = 0; k < n; k++)
            {
                var i = venues.Count;
                venues.Add(new VenueRow(new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("venue" + i)).AsSpan(0, 16)), $"B{i:D7}", VenueKey(i), code));
            }
        }

        var district = new District
        {
            PersonIds = [.. persons.Select(p => p.Id)], PersonCommunity = [.. persons.Select(p => p.CommunityCode)], Tokens = tokens, Activity = activity, Venues = [.. venues], SubjectSecret = secret,
        };
        if (write)
        {
            var now = TimeProvider.System.GetUtcNow();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await BulkCopy.InsertAsync(db, persons.Select((p, i) => new SubjectLink { Subject = tokens[i], PersonId = p.Id, CreatedAt = now }), ct);
            await BulkCopy.InsertAsync(db, venues.Select((v, i) => new Venue
            {
                Id = v.Id, Code = v.Code, Name = $"场所{i:D5}", Address = $"黄陂区测试路{i}号", Kind = Kinds[i % Kinds.Length], CommunityCode = v.CommunityCode,
                StreetCode = v.CommunityCode.Length >= 9 ? v.CommunityCode[..9] : v.CommunityCode, KeyHash = KeyHash(v.Key), KeyHint = v.Key[..12],
                KeyIssuedAt = now, Active = true, CreatedAt = now, CreatedBy = "bench",
            }), ct);
            // One resident in a hundred has a colour row (yellow or red), as during an outbreak.
            var coloured = persons.Where((_, i) => i % 100 == 7).Select((p, i) => new PersonColour
            {
                PersonId = p.Id, Colour = i % 3 == 0 ? CodeColour.Red : CodeColour.Yellow, Since = now.AddDays(-3), ReasonsJson = "[]", RuleSetVersion = 1,
                CommunityCode = p.CommunityCode, StreetCode = p.CommunityCode.Length >= 9 ? p.CommunityCode[..9] : "", EvaluatedAt = now,
            });
            await BulkCopy.InsertAsync(db, coloured, ct);
            await db.SaveChangesAsync(new Kernel.Audit.AuditRecord("bench-insert", nameof(SubjectLink), "*", $"{persons.Count} links, {venues.Count} venues"), ct);
            await tx.CommitAsync(ct);
            log($"{persons.Count:N0} subject links, {venues.Count:N0} venues written");
        }

        return district;
    }

    /// <summary>
    /// Writes <paramref name="total"/> scans over the <paramref name="days"/> district days ending with
    /// <paramref name="lastDay"/> (whole days, so the last day's partition holds a full day's scans, as it does at the end
    /// of a day) with binary COPY, day by day in time order, into the empty scans table with its indexes and primary key
    /// dropped and built again at the end (as a restore would). The day partitions are created first, as the retention
    /// job creates them (ADR 0014). Returns the time spent in COPY and in building the indexes.
    /// </summary>
    public async Task<(TimeSpan Copy, TimeSpan Indexes)> WriteScansAsync(YiwangDbContext db, long total, int days, DateOnly lastDay, string kid, Action<string> log, CancellationToken ct)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        var entity = db.Model.FindEntityType(typeof(Scan))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var qualified = $"\"{entity.GetSchema()}\".\"{entity.GetTableName()}\"";
        var pk = entity.FindPrimaryKey()!.GetName()!;
        var keyColumns = string.Join(", ", entity.FindPrimaryKey()!.Properties.Select(p => $"\"{Column(p.Name)}\""));
        var columns = string.Join(", ", new[] { nameof(Scan.Id), nameof(Scan.VenueId), nameof(Scan.Subject), nameof(Scan.ScannedAt), nameof(Scan.ReceivedAt), nameof(Scan.Colour), nameof(Scan.Kid), nameof(Scan.Mode) }
            .Select(p => $"\"{Column(p)}\""));

        // Venue choice: near home first. Cumulative popularity per community, per township and over the district.
        var random = new Random(19491001);
        var popularity = Venues.Select(_ => Math.Exp(Gaussian(random) * 1.0)).ToArray();
        static string Street(string community) => community[..Math.Min(9, community.Length)];
        var communityPools = Pools(Venues.Select((v, i) => (v.CommunityCode, i)), popularity);
        var streetPools = Pools(Venues.Select((v, i) => (Street(v.CommunityCode), i)), popularity);
        var all = Pools(Venues.Select((v, i) => ("", i)), popularity)[""];
        var homePool = PersonCommunity.Select(c => communityPools.GetValueOrDefault(c)).ToArray();
        var streetPool = PersonCommunity.Select(c => streetPools.GetValueOrDefault(Street(c))).ToArray();

        var hourCumulative = HourWeights.Select((_, h) => HourWeights.Take(h + 1).Sum()).ToArray();
        var copyTime = TimeSpan.Zero;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '1GB'", ct);
        var firstDay = lastDay.AddDays(1 - days);
        await ScanPartitions.EnsureAsync(db, firstDay, lastDay.AddDays(2), ct);
        var deferral = await IndexDeferral.BeginAsync(db, [typeof(Scan)], ct);
#pragma warning disable EF1002 // identifiers from our own model
        await db.Database.ExecuteSqlRawAsync($"ALTER TABLE {qualified} DROP CONSTRAINT \"{pk}\"", ct);
#pragma warning restore EF1002
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var written = 0L;
        for (var d = 0; d < days; d++)
        {
            var count = total / days + (d < total % days ? 1 : 0);
            var day = new (long Ticks, int Person, int Venue)[count];
            var dayStart = DistrictTime.StartOfDay(firstDay.AddDays(d));
            for (var k = 0; k < count; k++)
            {
                var p = SampleActive(random);
                var r = random.NextDouble();
                var pool = r < 0.75 ? homePool[p] ?? streetPool[p] ?? all : r < 0.95 ? streetPool[p] ?? all : all;
                var v = pool.Pick(random);

                // Hour h of the district day (dayStart is its midnight, in UTC).
                var hour = Array.BinarySearch(hourCumulative, random.NextDouble() * hourCumulative[^1]);
                hour = hour >= 0 ? hour : ~hour;
                day[k] = (dayStart.AddHours(hour).AddSeconds(random.Next(0, 3600)).UtcTicks, p, v);
            }

            Array.Sort(day, (x, y) => x.Ticks.CompareTo(y.Ticks));
            var sw = System.Diagnostics.Stopwatch.StartNew();
            await using (var w = await conn.BeginBinaryImportAsync($"COPY {qualified} ({columns}) FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var (ticks, p, v) in day)
                {
                    var at = new DateTime(ticks, DateTimeKind.Utc);
                    w.StartRow();
                    w.Write(Guid.CreateVersion7(new DateTimeOffset(at)), NpgsqlDbType.Uuid); // scanners send UUIDv7 ids (docs/venue-scanner-api.md)
                    w.Write(Venues[v].Id, NpgsqlDbType.Uuid);
                    w.Write(Tokens[p], NpgsqlDbType.Varchar);
                    w.Write(at, NpgsqlDbType.TimestampTz);
                    w.Write(at.AddSeconds(30 + (p % 600)), NpgsqlDbType.TimestampTz);
                    w.Write((short)(p % 100 == 7 ? 1 : 0), NpgsqlDbType.Smallint);
                    w.Write(kid, NpgsqlDbType.Varchar);
                    w.Write((short)(v % 20 == 0 ? 1 : 0), NpgsqlDbType.Smallint);
                }

                await w.CompleteAsync(ct);
            }

            copyTime += sw.Elapsed;
            written += count;
            log($"day {d + 1}/{days}: {written:N0} scans written");
        }

        var indexes = System.Diagnostics.Stopwatch.StartNew();
#pragma warning disable EF1002 // identifiers from our own model
        await db.Database.ExecuteSqlRawAsync($"ALTER TABLE {qualified} ADD CONSTRAINT \"{pk}\" PRIMARY KEY ({keyColumns})", ct);
#pragma warning restore EF1002
        await deferral.RestoreAsync(ct);
        await db.SaveChangesAsync(new Kernel.Audit.AuditRecord("bench-insert", nameof(Scan), "*", $"{written} scans over {days} days"), ct);
        await tx.CommitAsync(ct);
        return (copyTime, indexes.Elapsed);
    }

    /// <summary>Venues to choose from, by popularity.</summary>
    private sealed record Pool(int[] Index, double[] Cumulative)
    {
        public int Pick(Random random) => Index[Sample(Cumulative, random)];
    }

    /// <summary>Per key, the venues with cumulative popularity weights.</summary>
    private static Dictionary<string, Pool> Pools(IEnumerable<(string Key, int Index)> venues, double[] popularity) =>
        venues.GroupBy(v => v.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g =>
        {
            var index = g.Select(v => v.Index).ToArray();
            var sum = 0.0;
            return new Pool(index, [.. index.Select(i => sum += popularity[i])]);
        }, StringComparer.Ordinal);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
