using System.Buffers;
using System.Globalization;
using Yiwang.Kernel.Identity;

namespace Yiwang.People.Generation;

/// <summary>Writes generated people as CSV for bulk loading (PostgreSQL COPY, SQLite .import).
/// Lines end in a bare LF whatever the platform, so files are byte-identical everywhere.</summary>
internal static class PopulationCsv
{
    public const string Header =
        "id,household_id,id_number,name,sex,birth_date,phone,address,community_code,street_code,relation";

    // Generated values never need quoting; refusing them keeps the writer trivially fast.
    private static readonly SearchValues<char> _needsQuoting = SearchValues.Create(",\"\r\n");

    public static void WriteHeader(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header);
        writer.Write('\n');
    }

    public static void WriteRow(TextWriter writer, GeneratedPerson person)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(person);
        if (NeedsQuoting(person.IdNumber) || NeedsQuoting(person.Name) || NeedsQuoting(person.Phone)
            || NeedsQuoting(person.Address) || NeedsQuoting(person.CommunityCode) || NeedsQuoting(person.StreetCode))
        {
            // The values stay out of the message: they are personal data, even when synthetic.
            throw new ArgumentException("A field contains a comma, quote or line break.", nameof(person));
        }

        var relation = Enum.GetName(person.Relation)
            ?? throw new ArgumentException($"Undefined relation {(int)person.Relation}.", nameof(person));

        Span<char> buffer = stackalloc char[36];
        WriteGuid(writer, person.Id, buffer);
        writer.Write(',');
        WriteGuid(writer, person.HouseholdId, buffer);
        writer.Write(',');
        writer.Write(person.IdNumber);
        writer.Write(',');
        writer.Write(person.Name);
        writer.Write(',');
        writer.Write(person.Sex == Sex.Male ? 'M' : 'F');
        writer.Write(',');
        person.BirthDate.TryFormat(buffer, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
        writer.Write(',');
        writer.Write(person.Phone);
        writer.Write(',');
        writer.Write(person.Address);
        writer.Write(',');
        writer.Write(person.CommunityCode);
        writer.Write(',');
        writer.Write(person.StreetCode);
        writer.Write(',');
        writer.Write(relation);
        writer.Write('\n');
    }

    private static void WriteGuid(TextWriter writer, Guid value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written);
        writer.Write(buffer[..written]);
    }

    private static bool NeedsQuoting(string? value) => value is not null && value.AsSpan().ContainsAny(_needsQuoting);
}
