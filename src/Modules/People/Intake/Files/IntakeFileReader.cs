namespace Yiwang.People.Intake.Files;

/// <summary>
/// Reads an uploaded table (CSV in UTF-8 or GBK, or the first sheet of an XLSX) into
/// <see cref="RawRow"/>s for validation, streaming: a million-row file is never held in memory.
/// </summary>
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

    /// <summary>
    /// Tells the format from the content (magic bytes), refusing files that are not tables.
    /// Leaves the stream at position 0.
    /// </summary>
    /// <param name="stream">Readable and seekable.</param>
    /// <param name="fileName">Only used to word the refusal of legacy Office files.</param>
    /// <exception cref="IntakeFileException">"empty", "not-a-table", "bad-encoding", "truncated" or "corrupt".</exception>
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

    /// <summary>
    /// What the mapping step needs: format, encoding, header, suggested mapping, the first
    /// <paramref name="previewRows"/> data rows, and the data row count when it is cheap to get.
    /// </summary>
    /// <exception cref="IntakeFileException">The file is refused as a whole.</exception>
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

    /// <summary>
    /// Every non-blank data row, mapped: values indexed by <see cref="IntakeField"/>, trimmed, empty
    /// cells null. Lazy: the file is read as the sequence is enumerated, and a file found broken
    /// part-way throws <see cref="IntakeFileException"/> then, so run the import in one transaction.
    /// </summary>
    /// <param name="stream">Readable and seekable; read from the start.</param>
    /// <param name="fileName">Only used to word refusals.</param>
    /// <param name="mapping">Must have been made for this file's header row ("bad-mapping" otherwise).</param>
    /// <param name="ct">Checked every 1,024 rows.</param>
    /// <exception cref="IntakeFileException">At once for a file that is not a table; while enumerating for the rest.</exception>
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
                "文件的表头与所选的列对应关系不一致（文件可能已更换），请重新检查列对应。",
                "The file's header row is not the one the column mapping was made for (was the file replaced?). Check the mapping again.");
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
                ".DOC" => NotATable("这是旧版 Word 文档（.doc）", "This is a legacy Word document (.doc)"),
                ".PPT" => NotATable("这是旧版 PowerPoint 文件（.ppt）", "This is a legacy PowerPoint file (.ppt)"),
                _ => new IntakeFileException(
                    "not-a-table",
                    "这是旧版 Excel 97-2003 工作簿（.xls）或加了密码的工作簿，无法直接读取。请用 Excel 打开，去掉密码后“另存为”Excel 工作簿（.xlsx）再上传。",
                    "This is a legacy Excel 97-2003 workbook (.xls) or a password-protected workbook, which cannot be read. Open it in Excel, remove any password, Save As \"Excel Workbook (.xlsx)\" and upload that."),
            };
        }

        if (head.StartsWith("%PDF"u8))
        {
            throw NotATable("这是 PDF 文件", "This is a PDF file");
        }

        if (head.StartsWith(_png) || head.StartsWith(_jpeg) || head.StartsWith("GIF8"u8))
        {
            throw NotATable("这是图片", "This is an image");
        }

        if (head.StartsWith(_gzip) || head.StartsWith("Rar!"u8) || head.StartsWith(_sevenZip))
        {
            throw NotATable("这是压缩包（请先解压）", "This is a compressed archive (extract it first)");
        }

        if (head.StartsWith(_utf16LittleEndianBom) || head.StartsWith(_utf16BigEndianBom))
        {
            throw Utf16();
        }

        if (head.Contains((byte)0))
        {
            throw LooksLikeUtf16(head) ? Utf16() : NotATable("这不是文本文件", "This is not a text file");
        }

        var text = head.StartsWith(_utf8Bom) ? head[3..] : head;
        text = text.TrimStart(" \t\r\n"u8);
        if (text.StartsWith("<"u8))
        {
            // Many systems export an HTML or XML table under an .xls name.
            throw NotATable("这是网页（HTML）或 XML 文件（有些系统导出时也用 .xls 作文件名）", "This is a web page (HTML) or XML file (some systems export these under an .xls name)");
        }

        if (text.StartsWith(@"{\rtf"u8))
        {
            throw NotATable("这是 RTF 文档", "This is an RTF document");
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

    private static IntakeFileException NotATable(string zh, string en) => new(
        "not-a-table",
        $"{zh}，不是表格。请在 Excel 中打开后“另存为”Excel 工作簿（.xlsx）或 CSV，再上传。",
        $"{en}, not a table. Open it in Excel, Save As \"Excel Workbook (.xlsx)\" or CSV, and upload that.");

    private static IntakeFileException Utf16() => new(
        "bad-encoding",
        "这是 UTF-16（“Unicode 文本”）编码的文件，无法读取。请在 Excel 中“另存为”CSV UTF-8（逗号分隔）或 CSV（GBK），或 .xlsx。",
        "This file is UTF-16 (\"Unicode Text\"), which is not accepted. In Excel, Save As \"CSV UTF-8 (Comma delimited)\" or plain CSV (GBK), or .xlsx.");

    internal static IntakeFileException Empty() => new(
        "empty",
        "文件是空的。",
        "The file is empty.");

    /// <summary>
    /// A source positioned past its header, with the header found: skips leading blank and title
    /// rows, and hands back a row it had to look at to decide.
    /// </summary>
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
                    $"表头（第 {row} 行）超过 {MaxColumns} 列，不像是人员名单。请只保留需要导入的列。",
                    $"The header (row {row}) has more than {MaxColumns} columns, which does not look like a list of people. Keep only the columns to import.");
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

        private static IntakeFileException NoHeader(long row) => new(
            "no-header",
            $"找不到表头：第 {row} 行应写明各列的名称（如“姓名”“身份证号”），但其中没有文字。",
            $"No header row: row {row} should name the columns (such as 姓名, 身份证号) but holds no text.");
    }
}
