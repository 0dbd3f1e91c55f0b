using System.Globalization;
using System.IO.Compression;
using System.Xml;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Yiwang.Kernel.UseCases;
using Yiwang.People.Localization;

namespace Yiwang.People.Intake.Files;

/// <summary>The first worksheet of an XLSX workbook as rows, through MiniExcel's streaming query.</summary>
/// <remarks>
/// MiniExcel 1.46 gives each row a dictionary keyed by column letter, as wide as the sheet's
/// <c>dimension</c> (or its widest row), and pads every gap between rows with empty rows. Both make a
/// sheet with one stray cell far out (XFD1, A1048576) cost minutes, so the query is always clipped
/// to a column range: the padding is what keeps row numbers true, the clipping what keeps it cheap.
/// </remarks>
internal sealed class XlsxTableSource : ITableSource
{
    private const int _lastExcelRow = 1_048_576;

    private readonly IEnumerator<object> _rows;
    private readonly string[] _keys;
    private IDictionary<string, object?>? _current;
    private long _rowNumber;

    private XlsxTableSource(IEnumerator<object> rows, string[] keys)
    {
        _rows = rows;
        _keys = keys;
    }

    public long RowNumber => _rowNumber;

    public int CellCount => _keys.Length;

    /// <summary>Opens the first worksheet, reading only its first <paramref name="width"/> columns.</summary>
    public static XlsxTableSource Open(Stream stream, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        stream.Position = 0;
        var keys = Enumerable.Range(0, width).Select(ColumnMapping.ColumnName).ToArray();
        var configuration = new OpenXmlConfiguration
        {
            // Merged cells are left as Excel stores them: the value in the top-left cell only.
            // Filling them would make MiniExcel read the sheet twice.
            FillMergedCells = false,
        };

        // sheetName null is the first sheet in workbook order, which is the first tab a person sees.
        var rows = MiniExcel.QueryRange(
            stream,
            useHeaderRow: false,
            sheetName: null,
            excelType: ExcelType.XLSX,
            startCell: "A1",
            endCell: string.Create(CultureInfo.InvariantCulture, $"{keys[^1]}{_lastExcelRow}"),
            configuration: configuration);
        return new XlsxTableSource(rows.GetEnumerator(), keys);
    }

    public bool Read()
    {
        try
        {
            if (!_rows.MoveNext())
            {
                _current = null;
                return false;
            }
        }
        catch (Exception ex) when (IsDamage(ex))
        {
            throw Corrupt(ex, _rowNumber + 1);
        }

        // Rows come from A1 with every gap padded, so the n-th row yielded is spreadsheet row n.
        _rowNumber++;
        _current = _rows.Current as IDictionary<string, object?>;
        return true;
    }

    public string? GetText(int column, bool dateOnly)
    {
        if (_current is null || column >= _keys.Length || !_current.TryGetValue(_keys[column], out var value))
        {
            return null;
        }

        var text = CellText(value, dateOnly)?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    public bool IsBlank(int width)
    {
        var cells = Math.Min(width, _keys.Length);
        for (var i = 0; i < cells; i++)
        {
            if (GetText(i, dateOnly: false) is not null)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _rows.Dispose();

    /// <summary>A cell as the text a person would type to get it. Text cells come through exactly (leading
    /// zeros, an X check digit); numbers keep the 15 significant digits Excel keeps.</summary>
    internal static string? CellText(object? value, bool dateOnly) => value switch
    {
        null => null,
        string text => text,

        // "G15" is Excel's own precision: 42 not 42.0, 0.1 not 0.1000000000000000055. An 18-digit
        // identity number typed as a number has already lost its last digits inside Excel; G15
        // shows it the way Excel's General format does (4.20116199001011E+17), which the validator
        // refuses, rather than padding it to 18 plausible-looking digits that are wrong.
        double number => number.ToString("G15", CultureInfo.InvariantCulture),
        DateTime date when dateOnly || date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => dateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static IntakeFileException Corrupt(Exception? innerException, long? nearRow = null) => new(
        "corrupt",
        nearRow is { } row ? new Text(typeof(PeopleText), "File.CorruptNear", row) : new Text(typeof(PeopleText), "File.Corrupt"),
        innerException);

    // What a damaged or hand-made workbook makes MiniExcel throw: bad deflate data, bad XML, and
    // (1.46) NullReferenceException or cast/format errors for cells whose type and value disagree.
    // A stream the caller closed under us is not damage.
    private static bool IsDamage(Exception ex) => ex is not ObjectDisposedException
        and (InvalidDataException or XmlException or FormatException or InvalidCastException or OverflowException
            or NullReferenceException or IndexOutOfRangeException or ArgumentOutOfRangeException
            or KeyNotFoundException or InvalidOperationException or FileNotFoundException);

    /// <summary>Refuses a ZIP that is cut off, damaged, or not a workbook, before MiniExcel sees it. Opening the
    /// archive reads only its central directory, at the end of the file.</summary>
    internal static void CheckWorkbook(Stream stream)
    {
        if (!HasEndOfCentralDirectory(stream))
        {
            throw new IntakeFileException(
                "truncated",
                new Text(typeof(PeopleText), "File.XlsxTruncated"));
        }

        try
        {
            stream.Position = 0;
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (Contains(zip, "xl/workbook.xml"))
            {
                return;
            }

            if (Contains(zip, "xl/workbook.bin"))
            {
                throw NotAWorkbook("Xlsb");
            }

            if (Contains(zip, "word/document.xml"))
            {
                throw NotAWorkbook("Word");
            }

            if (Contains(zip, "ppt/presentation.xml"))
            {
                throw NotAWorkbook("PowerPoint");
            }

            throw NotAWorkbook("Zip");
        }
        catch (InvalidDataException ex)
        {
            throw Corrupt(ex);
        }
    }

    private static IntakeFileException NotAWorkbook(string kind) => new("not-a-table", new Text(typeof(PeopleText), "File.NotAWorkbook." + kind));

    private static bool Contains(ZipArchive zip, string path) =>
        zip.Entries.Any(entry => string.Equals(entry.FullName, path, StringComparison.OrdinalIgnoreCase));

    /// <summary>A ZIP ends with its central directory; a file cut short loses it. Its end record sits in the
    /// last 22 bytes, or up to 64 KB earlier when the archive carries a comment.</summary>
    private static bool HasEndOfCentralDirectory(Stream stream)
    {
        const int recordSize = 22;
        const int maxComment = ushort.MaxValue;
        var length = stream.Length;
        if (length < recordSize)
        {
            return false;
        }

        var tail = (int)Math.Min(length, recordSize + maxComment);
        var buffer = new byte[tail];
        stream.Position = length - tail;
        stream.ReadExactly(buffer);
        return buffer.AsSpan(0, tail - recordSize + 4).LastIndexOf("PK\x05\x06"u8) >= 0;
    }
}
