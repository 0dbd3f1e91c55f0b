using Yiwang.Kernel.UseCases;
using Yiwang.People.Localization;

namespace Yiwang.People.Intake.Files;

/// <summary>Reads an uploaded table (CSV in UTF-8 or GBK, or the first sheet of an XLSX) into
/// <see cref="RawRow"/>s for validation, streaming: a million-row file is never held in memory.</summary>
/// <remarks>
/// <para>Streams must be readable and seekable: callers buffer uploads to a temporary file first.
/// Nothing here disposes the caller's stream.</para>
/// <para>The header is the first non-blank row, after at most <see cref="MaxTitleRows"/> title rows
/// (a row with a single cell, such as "黄陂区独居老人名单", followed by a wider one). Blank rows are
/// skipped but still counted, so every <see cref="RawRow.RowNumber"/> is the row number Excel shows.</para>
/// </remarks>
internal static class IntakeFileReader
{
    /// <summary>Wider than any real intake sheet; wider files are nearly always mis-exported.</summary>
    public const int MaxColumns = 200;

    /// <summary>Single-cell title rows allowed above the header.</summary>
    public const int MaxTitleRows = 3;

    // Blank rows tolerated before the header; beyond this the sheet is treated as having none.
    private const int _maxLeadingBlankRows = 1_000;

    // Inspect counts data rows only while that stays cheap; past these budgets the count is null.
    private const int _csvCountBudget = 200_000;
    private const int _xlsxCountBudget = 20_000;
    private const int _maxPreviewRows = 1_000;
    private const int _headProbe = 4096;

    private static readonly byte[] _zipLocalHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] _zipEmptyArchive = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] _oleCompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] _png = [0x89, 0x50, 0x4E, 0x47];
    private static readonly byte[] _jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] _gzip = [0x1F, 0x8B];
    private static readonly byte[] _sevenZip = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];
    private static readonly byte[] _utf16LittleEndianBom = [0xFF, 0xFE];
    private static readonly byte[] _utf16BigEndianBom = [0xFE, 0xFF];
    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Tells the format from the content (magic bytes), refusing files that are not tables.
    /// Leaves the stream at position 0.</summary>
    public static FileFormat Detect(Stream stream, string? fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead || !stream.CanSeek)
        {
            throw new ArgumentException("The stream must be readable and seekable; buffer uploads to a temporary file first.", nameof(stream));
        }

        try
        {
            if (stream.Length == 0)
            {
                throw Empty();
            }

            stream.Position = 0;
            var buffer = new byte[_headProbe];
            var head = buffer.AsSpan(0, stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false));
            if (head.StartsWith(_zipLocalHeader) || head.StartsWith(_zipEmptyArchive))
            {
                XlsxTableSource.CheckWorkbook(stream);
                return FileFormat.Xlsx;
            }

            RefuseNonText(head, fileName);
            return FileFormat.Csv;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>What the mapping step needs: format, encoding, header, suggested mapping, the first
    /// <paramref name="previewRows"/> data rows, and the data row count when it is cheap to get.</summary>
    public static FileInspection Inspect(Stream stream, string? fileName, int previewRows = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(previewRows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(previewRows, _maxPreviewRows);
        var format = Detect(stream, fileName);
        try
        {
            using var table = Table.Open(stream, format);
            var headers = table.Headers;
            var mapping = ColumnMapping.Suggest(headers);
            var dateColumns = DateColumns(mapping, headers.Count);
            var preview = new List<string[]>(previewRows);
            var previewRowNumbers = new List<long>(previewRows);
            var budget = format == FileFormat.Csv ? _csvCountBudget : _xlsxCountBudget;
            long count = 0;
            var rowsRead = 0;
            var complete = false;
            while (rowsRead < budget)
            {
                if (!table.Read())
                {
                    complete = true;
                    break;
                }

                rowsRead++;
                if (table.Source.IsBlank(headers.Count))
                {
                    continue;
                }

                count++;
                if (preview.Count < previewRows)
                {
                    var cells = new string[headers.Count];
                    for (var i = 0; i < cells.Length; i++)
                    {
                        cells[i] = table.Source.GetText(i, dateColumns[i]) ?? string.Empty;
                    }

                    preview.Add(cells);
                    previewRowNumbers.Add(table.Source.RowNumber);
                }
            }

            return new FileInspection(format, table.EncodingName, headers, mapping, preview, complete ? count : null, previewRowNumbers);
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Every non-blank data row, mapped: values indexed by <see cref="IntakeField"/>, trimmed, empty
    /// cells null. Lazy: the file is read as the sequence is enumerated, and a file found broken
    /// part-way throws <see cref="IntakeFileException"/> then, so run the import in one transaction.</summary>
    public static IEnumerable<RawRow> Read(Stream stream, string? fileName, ColumnMapping mapping, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var format = Detect(stream, fileName);
        return ReadCore(stream, format, mapping, ct);
    }

    private static IEnumerable<RawRow> ReadCore(Stream stream, FileFormat format, ColumnMapping mapping, CancellationToken ct)
    {
        using var table = Table.Open(stream, format);
        if (!mapping.Fits(table.Headers))
        {
            throw new IntakeFileException(
                "bad-mapping",
                new Text(typeof(PeopleText), "File.MappingMismatch"));
        }

        var dateColumns = DateColumns(mapping, table.Headers.Count);
        var fields = mapping.Columns.Select(pair => (Index: (int)pair.Key, Column: pair.Value, DateOnly: dateColumns[pair.Value])).ToArray();
        var width = table.Headers.Count;
        var source = table.Source;
        var rows = 0;
        while (table.Read())
        {
            if ((++rows & 0x3FF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var values = new string?[RawRow.FieldCount];
            var any = false;
            foreach (var (index, column, dateOnly) in fields)
            {
                var text = source.GetText(column, dateOnly);
                values[index] = text;
                any |= text is not null;
            }

            // A row with nothing in the mapped columns is only skipped when it is blank throughout:
            // data in unmapped columns still reaches the validator, which says what is missing.
            if (!any && source.IsBlank(width))
            {
                continue;
            }

            yield return new RawRow(source.RowNumber, values);
        }
    }

    private static bool[] DateColumns(ColumnMapping mapping, int width)
    {
        var dates = new bool[width];
        foreach (var field in (ReadOnlySpan<IntakeField>)[IntakeField.BirthDate, IntakeField.EventDate])
        {
            if (mapping.TryGetColumn(field, out var column) && column < width)
            {
                dates[column] = true;
            }
        }

        return dates;
    }

    private static void RefuseNonText(ReadOnlySpan<byte> head, string? fileName)
    {
        if (head.StartsWith(_oleCompoundFile))
        {
            var extension = Path.GetExtension(fileName ?? string.Empty).ToUpperInvariant();
            throw extension switch
            {
                ".DOC" => NotATable("Doc"),
                ".PPT" => NotATable("Ppt"),
                _ => new IntakeFileException("not-a-table", new Text(typeof(PeopleText), "File.LegacyExcel")),
            };
        }

        if (head.StartsWith("%PDF"u8))
        {
            throw NotATable("Pdf");
        }

        if (head.StartsWith(_png) || head.StartsWith(_jpeg) || head.StartsWith("GIF8"u8))
        {
            throw NotATable("Image");
        }

        if (head.StartsWith(_gzip) || head.StartsWith("Rar!"u8) || head.StartsWith(_sevenZip))
        {
            throw NotATable("Archive");
        }

        if (head.StartsWith(_utf16LittleEndianBom) || head.StartsWith(_utf16BigEndianBom))
        {
            throw Utf16();
        }

        if (head.Contains((byte)0))
        {
            throw LooksLikeUtf16(head) ? Utf16() : NotATable("Binary");
        }

        var text = head.StartsWith(_utf8Bom) ? head[3..] : head;
        text = text.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("<"u8))
        {
            // Many systems export an HTML or XML table under an .xls name.
            throw NotATable("Markup");
        }

        if (text.StartsWith(@"{\rtf"u8))
        {
            throw NotATable("Rtf");
        }
    }

    // UTF-16 without a BOM: ASCII text leaves every other byte zero.
    private static bool LooksLikeUtf16(ReadOnlySpan<byte> head)
    {
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i + 1 < head.Length; i += 2)
        {
            evenZeros += head[i] == 0 ? 1 : 0;
            oddZeros += head[i + 1] == 0 ? 1 : 0;
        }

        var pairs = head.Length / 2;
        return pairs > 0 && (Math.Max(evenZeros, oddZeros) > pairs * 0.4) && (Math.Min(evenZeros, oddZeros) < pairs * 0.05);
    }

    private static IntakeFileException NotATable(string kind) => new("not-a-table", new Text(typeof(PeopleText), "File.NotATable." + kind));

    private static IntakeFileException Utf16() => new("bad-encoding", new Text(typeof(PeopleText), "File.Utf16"));

    internal static IntakeFileException Empty() => new("empty", new Text(typeof(PeopleText), "File.Empty"));

    /// <summary>A source positioned past its header, with the header found: skips leading blank and title
    /// rows, and hands back a row it had to look at to decide.</summary>
    private sealed class Table : IDisposable
    {
        private bool _pending;

        private Table(ITableSource source, IReadOnlyList<string> headers, string? encodingName, bool pending)
        {
            Source = source;
            Headers = headers;
            EncodingName = encodingName;
            _pending = pending;
        }

        public ITableSource Source { get; }

        public IReadOnlyList<string> Headers { get; }

        public string? EncodingName { get; }

        public static Table Open(Stream stream, FileFormat format)
        {
            if (format == FileFormat.Csv)
            {
                var csv = CsvTableSource.Open(stream);
                try
                {
                    var (headers, _, pending) = FindHeader(csv);
                    return new Table(csv, headers, csv.Encoding.Name, pending);
                }
                catch
                {
                    csv.Dispose();
                    throw;
                }
            }

            // One cell wider than allowed, so a sheet that is too wide is seen to be.
            string[] xlsxHeaders;
            long headerRow;
            using (var wide = XlsxTableSource.Open(stream, MaxColumns + 1))
            {
                (xlsxHeaders, headerRow, _) = FindHeader(wide);
            }

            // Reopened only as wide as the header, which is what keeps MiniExcel's per-row dictionaries small.
            var narrow = XlsxTableSource.Open(stream, xlsxHeaders.Length);
            try
            {
                while (narrow.RowNumber < headerRow && narrow.Read())
                {
                }

                return new Table(narrow, xlsxHeaders, encodingName: null, pending: false);
            }
            catch
            {
                narrow.Dispose();
                throw;
            }
        }

        public bool Read()
        {
            if (_pending)
            {
                _pending = false;
                return true;
            }

            return Source.Read();
        }

        public void Dispose() => Source.Dispose();

        private static (string[] Headers, long Row, bool Pending) FindHeader(ITableSource source)
        {
            string[]? candidate = null;
            long candidateRow = 0;
            var titles = 0;
            var blanks = 0;
            while (source.Read())
            {
                if (source.IsBlank(source.CellCount))
                {
                    if (++blanks > _maxLeadingBlankRows && candidate is null)
                    {
                        throw NoHeader(source.RowNumber);
                    }

                    continue;
                }

                var cells = Cells(source);
                if (candidate is not null)
                {
                    if (cells.Length > 1 && titles < MaxTitleRows)
                    {
                        // The single cell above was a title over a wider table: this row is the header.
                        return Accept(cells, source.RowNumber, pending: false);
                    }

                    // A one-column table after all: the candidate is its header, this its first data row.
                    return Accept(candidate, candidateRow, pending: true);
                }

                if (cells.Length == 1 && titles < MaxTitleRows)
                {
                    candidate = cells;
                    candidateRow = source.RowNumber;
                    titles++;
                    continue;
                }

                return Accept(cells, source.RowNumber, pending: false);
            }

            if (candidate is not null)
            {
                return Accept(candidate, candidateRow, pending: false);
            }

            throw Empty();
        }

        private static (string[] Headers, long Row, bool Pending) Accept(string[] headers, long row, bool pending)
        {
            if (headers.Length > MaxColumns)
            {
                throw new IntakeFileException(
                    "too-many-columns",
                    new Text(typeof(PeopleText), "File.TooManyColumns", row, MaxColumns));
            }

            // A header names its columns; a first row of only numbers and dates is data without one.
            if (!headers.Any(header => header.Any(char.IsLetter)))
            {
                throw NoHeader(row);
            }

            return (headers, row, pending);
        }

        /// <summary>The current row's cells as text, trailing empty cells dropped.</summary>
        private static string[] Cells(ITableSource source)
        {
            var count = source.CellCount;
            while (count > 0 && source.GetText(count - 1, dateOnly: false) is null)
            {
                count--;
            }

            var cells = new string[count];
            for (var i = 0; i < count; i++)
            {
                cells[i] = source.GetText(i, dateOnly: false) ?? string.Empty;
            }

            return cells;
        }

        private static IntakeFileException NoHeader(long row) => new("no-header", new Text(typeof(PeopleText), "File.NoHeader", row));
    }
}
