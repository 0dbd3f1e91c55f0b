using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Jurisdictions;
using Yiwang.Kernel.Time;
using Yiwang.People.Domain;
using Yiwang.People.Generation;
using Yiwang.People.Intake;

namespace Yiwang.People.Features;

/// <summary>Fills the registry with a synthetic population living in the real communities — through the same intake
/// path as a real household-registration feed (source gaj-huji), so the demo data is what an import makes.</summary>
internal static class PopulationSeeder
{
    public const int DefaultSeed = 420116;
    public const string HouseholdSource = "gaj-huji";

    public static Task<bool> AnyPersonsAsync(YiwangDbContext db, CancellationToken ct) => db.Set<Person>().AnyAsync(ct);

    public static async Task<IReadOnlyList<CommunitySlot>> SlotsAsync(JurisdictionDirectory dir, CancellationToken ct)
    {
        var slots = new List<CommunitySlot>();
        foreach (var c in await dir.CommunitiesInAsync(AccessScope.District, ct))
        {
            var street = await dir.FindAsync(c.ParentCode!, ct);
            // Addresses read as people write them: 光荣社区, 李家村 — not the committee's formal name.
            var place = c.Name.Replace("居委会", "社区", StringComparison.Ordinal).Replace("村委会", "村", StringComparison.Ordinal);
            slots.Add(new CommunitySlot(c.Code, c.ParentCode!, place, street?.Name ?? "", c.Kind == "村委会"));
        }

        return slots;
    }

    /// <summary>The generator's persons as household-registration rows (the columns of its CSV).</summary>
    public static IEnumerable<RawRow> Rows(IEnumerable<GeneratedHousehold> households)
    {
        long n = 1;
        foreach (var h in households)
        {
            foreach (var p in h.Members)
            {
                var v = new string?[RawRow.FieldCount];
                v[(int)IntakeField.SourceRecordId] = p.Id.ToString();
                v[(int)IntakeField.IdNumber] = p.IdNumber;
                v[(int)IntakeField.Name] = p.Name;
                v[(int)IntakeField.Sex] = p.Sex == Kernel.Identity.Sex.Male ? "M" : "F";
                v[(int)IntakeField.BirthDate] = p.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                v[(int)IntakeField.Phone] = p.Phone;
                v[(int)IntakeField.Address] = p.Address;
                v[(int)IntakeField.CommunityCode] = p.CommunityCode;
                v[(int)IntakeField.HouseholdKey] = p.HouseholdId.ToString();
                v[(int)IntakeField.Relation] = p.Relation.ToString();
                yield return new RawRow(++n, v);
            }
        }
    }

    /// <summary>Generates <paramref name="count"/> persons and imports them as the household-registration source.</summary>
    public static async Task<ImportBatch> SeedAsync(
        YiwangDbContext db, IntakeEngine engine, JurisdictionDirectory dir, int count, int seed, TimeProvider clock,
        IProgress<long>? progress, CancellationToken ct)
    {
        var slots = await SlotsAsync(dir, ct);
        if (slots.Count == 0)
        {
            throw new InvalidOperationException("No communities loaded: seed jurisdictions first. / 尚未载入行政区划。");
        }

        var source = await SourceCatalog.FindAsync(db, HouseholdSource, ct)
            ?? throw new InvalidOperationException($"Source {HouseholdSource} is missing. / 缺少户籍数据源。");
        var households = new PopulationGenerator(seed).Generate(slots, count, DistrictTime.Today(clock));
        return await engine.RunAsync(source, AccessScope.District, "seed", $"synthetic population, seed {seed}", Rows(households),
            "system:seed", progress, ct);
    }
}
