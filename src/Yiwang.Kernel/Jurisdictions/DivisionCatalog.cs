using System.Collections.ObjectModel;
using System.Globalization;

namespace Yiwang.Kernel.Jurisdictions;

/// <summary>The divisions of 黄陂区 (NBS 420116): the district, 20 streets and 681 communities. The NBS 2021 list is
/// canonical; the MCA list only contributes <see cref="Division.AlternateCode"/>.</summary>
public static class DivisionCatalog
{
    internal const string DivisionsResource = "huangpi_divisions.csv";
    internal const string McaStreetsResource = "huangpi_streets_mca_2025.csv";

    private const string ResourcePrefix = "Yiwang.Kernel.Jurisdictions.Data.";

    private static readonly Lazy<IReadOnlyList<Division>> _divisions = new(Parse);

    /// <summary>District first, then streets, then communities, each by code.</summary>
    public static IReadOnlyList<Division> Load() => _divisions.Value;

    // MCA 李家集街道 / 姚家集街道 / 蔡家榨街道 are NBS 李集街道 / 姚集街道 / 蔡榨街道: dropping every 家 on both sides
    // pairs them, and Load() fails if that ever makes two NBS streets collide.
    internal static string NormalizeStreetName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().Replace("家", string.Empty, StringComparison.Ordinal);
    }

    internal static Stream OpenResource(string fileName)
    {
        var assembly = typeof(DivisionCatalog).Assembly;
        var name = ResourcePrefix + fileName;
        return assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"Embedded resource '{name}' is missing from assembly '{assembly.GetName().Name}'. " +
                "Check that Jurisdictions/Data is embedded by the EmbeddedResource items of Yiwang.Kernel.csproj.");
    }

    private static ReadOnlyCollection<Division> Parse()
    {
        var rows = ReadCsv(DivisionsResource, ["code", "name", "parent_code", "level"]);
        var mcaRows = ReadCsv(McaStreetsResource, ["code", "name", "parent_code", "level"]);

        Row? district = null;
        var streets = new List<Row>();
        var communities = new List<Row>();
        foreach (var row in rows)
        {
            switch (ParseLevel(row, DivisionsResource))
            {
                case JurisdictionLevel.District:
                    if (district is not null)
                    {
                        throw Malformed(DivisionsResource, row.LineNumber, "a second district row");
                    }

                    district = row;
                    break;
                case JurisdictionLevel.Street:
                    streets.Add(row);
                    break;
                default:
                    communities.Add(row);
                    break;
            }
        }

        if (district is null)
        {
            throw Malformed(DivisionsResource, 0, "no district row (level 3)");
        }

        var alternateCodes = MatchMcaCodes(district, streets, mcaRows);

        var result = new List<Division>(1 + streets.Count + communities.Count)
        {
            // The district's parent (武汉市) lies outside the catalogue: no dangling parent code.
            new(district.Code, district.Name, null, JurisdictionLevel.District, "区",
                alternateCodes.GetValueOrDefault(district.Code)),
        };

        var streetCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var street in streets.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            if (street.ParentCode != district.Code)
            {
                throw Malformed(DivisionsResource, street.LineNumber, $"street {street.Code} is not under district {district.Code}");
            }

            if (!streetCodes.Add(street.Code))
            {
                throw Malformed(DivisionsResource, street.LineNumber, $"duplicate code {street.Code}");
            }

            result.Add(new Division(street.Code, street.Name, street.ParentCode, JurisdictionLevel.Street,
                StreetKind(street), alternateCodes.GetValueOrDefault(street.Code)));
        }

        var communityCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var community in communities.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (community.ParentCode is null || !streetCodes.Contains(community.ParentCode))
            {
                throw Malformed(DivisionsResource, community.LineNumber,
                    $"community {community.Code} has parent {community.ParentCode}, which is not a street");
            }

            if (!communityCodes.Add(community.Code))
            {
                throw Malformed(DivisionsResource, community.LineNumber, $"duplicate code {community.Code}");
            }

            result.Add(new Division(community.Code, community.Name, community.ParentCode, JurisdictionLevel.Community,
                CommunityKind(community), null));
        }

        return result.AsReadOnly();
    }

    private static Dictionary<string, string> MatchMcaCodes(Row district, List<Row> streets, List<Row> mcaRows)
    {
        var nbsByName = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var street in streets)
        {
            if (!nbsByName.TryAdd(NormalizeStreetName(street.Name), street))
            {
                throw Malformed(DivisionsResource, street.LineNumber,
                    $"street name '{street.Name}' is ambiguous after normalization");
            }
        }

        var alternates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mca in mcaRows)
        {
            switch (ParseLevel(mca, McaStreetsResource))
            {
                case JurisdictionLevel.District when mca.Code == district.Code || mca.Name == district.Name:
                    alternates[district.Code] = mca.Code;
                    break;
                case JurisdictionLevel.Street:
                    // Dropping an unmatched MCA street would hide a renamed or new street.
                    if (!nbsByName.TryGetValue(NormalizeStreetName(mca.Name), out var partner))
                    {
                        throw Malformed(McaStreetsResource, mca.LineNumber, $"MCA street '{mca.Name}' has no NBS partner");
                    }

                    if (!alternates.TryAdd(partner.Code, mca.Code))
                    {
                        throw Malformed(McaStreetsResource, mca.LineNumber, $"NBS street '{partner.Name}' matched twice");
                    }

                    break;
                default:
                    throw Malformed(McaStreetsResource, mca.LineNumber, $"unexpected row '{mca.Code},{mca.Name}'");
            }
        }

        return alternates;
    }

    // NBS ranges: 001–099 街道, 100–199 镇, 200–399 乡, 400–599 "类似乡级单位" (zones, here 功能区).
    private static string StreetKind(Row street)
    {
        if (street.Code.Length != 9 || !int.TryParse(street.Code.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out var serial))
        {
            throw Malformed(DivisionsResource, street.LineNumber, $"street code '{street.Code}' is not 9 digits");
        }

        return serial switch
        {
            < 100 => "街道",
            < 200 => "镇",
            < 400 => "乡",
            < 600 => "功能区",
            _ => throw Malformed(DivisionsResource, street.LineNumber, $"street code '{street.Code}' is outside the NBS ranges"),
        };
    }

    // The seven …社区 (codes 4xx, NBS "类似居委会") are urban residents' committees in all but name.
    private static string CommunityKind(Row community)
    {
        if (community.Name.EndsWith("村委会", StringComparison.Ordinal))
        {
            return "村委会";
        }

        if (community.Name.EndsWith("居委会", StringComparison.Ordinal) || community.Name.EndsWith("社区", StringComparison.Ordinal))
        {
            return "居委会";
        }

        throw Malformed(DivisionsResource, community.LineNumber, $"cannot tell the kind of community '{community.Name}'");
    }

    private static JurisdictionLevel ParseLevel(Row row, string fileName) =>
        int.TryParse(row.Level, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
        && Enum.IsDefined((JurisdictionLevel)level)
            ? (JurisdictionLevel)level
            : throw Malformed(fileName, row.LineNumber, $"unknown level '{row.Level}'");

    // No quoting: no name contains a comma, so a quoted field means the source changed shape.
    private static List<Row> ReadCsv(string fileName, string[] requiredColumns)
    {
        using var stream = OpenResource(fileName);
        using var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);

        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray()
            ?? throw Malformed(fileName, 1, "the file is empty");
        var columns = new int[requiredColumns.Length];
        for (var i = 0; i < requiredColumns.Length; i++)
        {
            columns[i] = Array.IndexOf(header, requiredColumns[i]);
            if (columns[i] < 0)
            {
                throw Malformed(fileName, 1, $"column '{requiredColumns[i]}' is missing");
            }
        }

        var rows = new List<Row>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (line.Contains('"', StringComparison.Ordinal))
            {
                throw Malformed(fileName, lineNumber, "quoted fields are not supported");
            }

            var fields = line.Split(',');
            if (fields.Length != header.Length)
            {
                throw Malformed(fileName, lineNumber, $"expected {header.Length} fields, found {fields.Length}");
            }

            var parent = fields[columns[2]].Trim();
            rows.Add(new Row(
                fields[columns[0]].Trim(),
                fields[columns[1]].Trim(),
                parent.Length == 0 ? null : parent,
                fields[columns[3]].Trim(),
                lineNumber));
        }

        return rows;
    }

    private static InvalidOperationException Malformed(string fileName, int lineNumber, string problem) =>
        new($"Embedded division data '{fileName}' is malformed (line {lineNumber}): {problem}.");

    private sealed record Row(string Code, string Name, string? ParentCode, string Level, int LineNumber);
}
