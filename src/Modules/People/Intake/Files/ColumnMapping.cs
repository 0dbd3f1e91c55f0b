using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Yiwang.Kernel.UseCases;
using Yiwang.People.Localization;

namespace Yiwang.People.Intake.Files;

/// <summary>Which column of a file feeds which <see cref="IntakeField"/>: at most one column per field,
/// at most one field per column. Columns without a field are ignored. A mapping remembers the
/// headers it was made for, so it cannot silently be applied to a differently laid-out file.</summary>
internal sealed class ColumnMapping
{
    // Header spellings seen in 公安/疾控/民政 exports and in our own generator's CSV. Compared after
    // Normalize, so "身份证号码 ", "ID_Number" and "（村）社区代码" style variants need no entries of their own.
    private static readonly (IntakeField Field, string[] Aliases)[] _aliasTable =
    [
        (IntakeField.SourceRecordId, ["记录编号", "记录号", "来源编号", "编号", "id", "record_id", "source_record_id", "recordid"]),
        (IntakeField.IdNumber, ["身份证号", "身份证号码", "公民身份号码", "证件号码", "id_number", "idnumber", "id_no"]),
        (IntakeField.Name, ["姓名", "名字", "name"]),
        (IntakeField.Sex, ["性别", "sex", "gender"]),
        (IntakeField.BirthDate, ["出生日期", "出生年月日", "birth_date", "birthdate", "dob"]),
        (IntakeField.Phone, ["手机号", "手机号码", "联系电话", "电话", "phone", "mobile"]),
        (IntakeField.Address, ["地址", "住址", "现住址", "居住地址", "address"]),
        (IntakeField.CommunityCode, ["社区代码", "村(社区)代码", "社区编码", "所属社区代码", "区划代码", "community_code", "community"]),
        (IntakeField.HouseholdKey, ["户号", "户编号", "household_id", "household"]),
        (IntakeField.Relation, ["与户主关系", "关系", "relation"]),
        (IntakeField.Category, ["类别", "人员类别", "分类", "category", "type"]),
        (IntakeField.EventDate, ["报告日期", "就诊日期", "日期", "event_date", "date", "report_date", "visit_date"]),
        (IntakeField.Active, ["状态", "是否有效", "active", "status"]),
        (IntakeField.Note, ["备注", "note", "remarks"]),
    ];

    private static readonly FrozenDictionary<string, IntakeField> _aliases = BuildAliases();

    private readonly string[] _headers;
    private readonly FrozenDictionary<IntakeField, int> _columns;

    private ColumnMapping(string[] headers, Dictionary<IntakeField, int> columns)
    {
        _headers = headers;
        _columns = columns.ToFrozenDictionary();
    }

    public IReadOnlyDictionary<IntakeField, int> Columns => _columns;

    public IReadOnlyList<string> Headers => _headers;

    /// <summary>Maps each header that matches a known alias (case, width and spacing ignored) to its field.
    /// When two columns claim the same field, the leftmost wins and the other is left for the user.</summary>
    public static ColumnMapping Suggest(IReadOnlyList<string> headers)
    {
        var copy = CopyHeaders(headers);
        var columns = new Dictionary<IntakeField, int>();
        for (var i = 0; i < copy.Length; i++)
        {
            if (_aliases.TryGetValue(Normalize(copy[i]), out var field))
            {
                columns.TryAdd(field, i);
            }
        }

        return new ColumnMapping(copy, columns);
    }

    /// <summary>The user's own choice in the mapping step, by header text (compared exactly after trimming).</summary>
    public static ColumnMapping FromNames(IReadOnlyList<string> headers, IReadOnlyDictionary<IntakeField, string> fieldToHeader)
    {
        ArgumentNullException.ThrowIfNull(fieldToHeader);
        var copy = CopyHeaders(headers);
        var columns = new Dictionary<IntakeField, int>();
        var taken = new Dictionary<int, IntakeField>();
        foreach (var (field, header) in fieldToHeader.OrderBy(pair => pair.Key))
        {
            if (!Enum.IsDefined(field))
            {
                throw new ArgumentOutOfRangeException(nameof(fieldToHeader), field, "Unknown intake field.");
            }

            var wanted = header?.Trim() ?? string.Empty;
            var index = Array.IndexOf(copy, wanted);
            if (wanted.Length == 0 || index < 0)
            {
                throw BadMapping("NoSuchColumn", wanted, field);
            }

            if (Array.IndexOf(copy, wanted, index + 1) >= 0)
            {
                throw BadMapping("DuplicateColumn", wanted, field);
            }

            if (taken.TryGetValue(index, out var other))
            {
                throw BadMapping("ColumnTwice", wanted, other, field);
            }

            taken.Add(index, field);
            columns.Add(field, index);
        }

        return new ColumnMapping(copy, columns);
    }

    /// <summary>The user's choice by position, for files whose headers are blank or repeated.</summary>
    public static ColumnMapping FromIndexes(IReadOnlyList<string> headers, IReadOnlyDictionary<IntakeField, int> fieldToColumn)
    {
        ArgumentNullException.ThrowIfNull(fieldToColumn);
        var copy = CopyHeaders(headers);
        var columns = new Dictionary<IntakeField, int>();
        var taken = new Dictionary<int, IntakeField>();
        foreach (var (field, column) in fieldToColumn.OrderBy(pair => pair.Key))
        {
            if (!Enum.IsDefined(field))
            {
                throw new ArgumentOutOfRangeException(nameof(fieldToColumn), field, "Unknown intake field.");
            }

            if (column < 0 || column >= copy.Length)
            {
                throw BadMapping("NoColumnNumber", column + 1, field);
            }

            if (taken.TryGetValue(column, out var other))
            {
                throw BadMapping("ColumnNumberTwice", ColumnName(column), other, field);
            }

            taken.Add(column, field);
            columns.Add(field, column);
        }

        return new ColumnMapping(copy, columns);
    }

    public bool TryGetColumn(IntakeField field, out int column) => _columns.TryGetValue(field, out column);

    /// <summary>True when <paramref name="headers"/> is exactly the header row this mapping was made for.</summary>
    public bool Fits(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count != _headers.Length)
        {
            return false;
        }

        for (var i = 0; i < _headers.Length; i++)
        {
            if (!string.Equals(headers[i]?.Trim(), _headers[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>One line for the import log: each mapped column with its spreadsheet letter, then the ignored ones.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        foreach (var (field, column) in _columns.OrderBy(pair => pair.Value))
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{ColumnName(column)} {_headers[column]} → {field}");
        }

        if (text.Length == 0)
        {
            text.Append("(no columns mapped)");
        }

        var mapped = _columns.Values.ToHashSet();
        var ignored = Enumerable.Range(0, _headers.Length).Where(i => !mapped.Contains(i)).ToList();
        if (ignored.Count > 0)
        {
            text.Append("; ignored: ");
            text.AppendJoin(", ", ignored.Select(i => _headers[i].Length == 0 ? ColumnName(i) : $"{ColumnName(i)} {_headers[i]}"));
        }

        return text.ToString();
    }

    /// <summary>The spreadsheet letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        Span<char> letters = stackalloc char[8];
        var position = letters.Length;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters[--position] = (char)('A' + ((n - 1) % 26));
        }

        return new string(letters[position..]);
    }

    /// <summary>Folds the ways people type the same header: full-width letters and brackets (NFKC), spaces
    /// anywhere, underscores and hyphens, a "*" marking a required column, letter case.</summary>
    internal static string Normalize(string header)
    {
        var folded = header.Normalize(NormalizationForm.FormKC);
        var text = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (!char.IsWhiteSpace(c) && c is not ('_' or '-' or '*' or '\uFEFF'))
            {
                text.Append(char.ToLowerInvariant(c));
            }
        }

        return text.ToString();
    }

    private static string[] CopyHeaders(IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Select(h => h?.Trim() ?? string.Empty).ToArray();
    }

    private static IntakeFileException BadMapping(string key, params object[] args) => new("bad-mapping", new Text(typeof(PeopleText), "File." + key, args));

    private static FrozenDictionary<string, IntakeField> BuildAliases()
    {
        var aliases = new Dictionary<string, IntakeField>(StringComparer.Ordinal);
        foreach (var (field, spellings) in _aliasTable)
        {
            foreach (var spelling in spellings)
            {
                // Spellings of one field may fold together (record_id, recordid); two fields claiming
                // one spelling is a bug in the table above.
                var key = Normalize(spelling);
                if (!aliases.TryAdd(key, field) && aliases[key] != field)
                {
                    throw new InvalidOperationException($"Header alias '{spelling}' is claimed by both {aliases[key]} and {field}.");
                }
            }
        }

        return aliases.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
