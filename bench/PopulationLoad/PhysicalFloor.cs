using System.Globalization;
using System.Text;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;
using Yiwang.People.Intake;

namespace Yiwang.Bench.PopulationLoad;

/// <summary>
/// The second physical reference, "the floor": exactly the rows the registry stores for a household-registration
/// file — a household per household, a person per person, a source record per row with its compact payload and
/// hash (<see cref="PayloadWriter"/>, the intake's own) — written beforehand, untimed, as three CSV files in the
/// tables' column order. The timed part (<see cref="YiwangDatabase.FloorLoadAsync"/>) only COPYs them into Yiwang's
/// own tables, migrated, and builds the indexes and foreign keys the migrations define: storing what must be stored,
/// with no parsing, validation, resolution or client work of any kind.
/// </summary>
internal static class PhysicalFloor
{
    public static readonly IReadOnlyList<string> Files = ["floor-households.csv", "floor-persons.csv", "floor-records.csv"];

    public const string HouseholdColumns = "id, source_system_id, external_key, community_code, street_code, address";

    public const string PersonColumns =
        "id, household_id, id_number, id_suffix, name, sex, birth_date, phone, address, community_code, street_code, relation, merged_into_id, created_at, updated_at";

    public const string RecordColumns =
        "id, source_system_id, external_id, record_type, person_id, status, content_hash, payload, version, last_batch_id, received_at, updated_at";

    /// <summary>Writes the three files from the population CSV (whose generated values never need quoting). Returns the row counts.</summary>
    public static (long Households, long Persons) Write(string populationCsv, Guid sourceId, Guid batchId, string households, string persons, string records)
    {
        var utf8 = new UTF8Encoding(false);
        using var input = new StreamReader(populationCsv, utf8);
        using var h = new StreamWriter(households, false, utf8, 1 << 16);
        using var p = new StreamWriter(persons, false, utf8, 1 << 16);
        using var r = new StreamWriter(records, false, utf8, 1 << 16);
        using var payloads = new PayloadWriter();
        var now = TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
        // New version-7 ids, as the intake gives persons and households (the file's own ids are random: inserting
        // those into the primary keys would cost the floor what the intake never pays).
        var seen = new Dictionary<string, Guid>(StringComparer.Ordinal);
        long personCount = 0;
        _ = input.ReadLine();
        while (input.ReadLine() is { } line)
        {
            // id,household_id,id_number,name,sex,birth_date,phone,address,community_code,street_code,relation
            var f = line.Split(',');
            var (id, household, idNumber, name, sex, birth, phone, address, community, street, relation) =
                (f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]);
            var sexValue = sex == "M" ? Sex.Male : Sex.Female;
            if (!seen.TryGetValue(household, out var householdId))
            {
                seen[household] = householdId = Guid.CreateVersion7();
                h.Write($"{householdId},{sourceId},{household},{community},{street},{Quote(address)}\n");
            }

            var personId = Guid.CreateVersion7();
            p.Write($"{personId},{householdId},{idNumber},{idNumber[^4..]},{Quote(name)},{(short)sexValue},{birth},{phone},{Quote(address)},{community},{street},{relation},,{now},{now}\n");
            var (payload, hash) = payloads.Write(new IntakeRecord(
                0, id, idNumber, name, sexValue, DateOnly.ParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture), phone, address, community,
                household, Enum.Parse<HouseholdRelation>(relation), null, false, null, null));
            r.Write($"{Guid.CreateVersion7()},{sourceId},{id},HouseholdRegistration,{personId},Linked,{hash},{Quote(payload)},1,{batchId},{now},{now}\n");
            personCount++;
        }

        return (seen.Count, personCount);
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
