using System.Globalization;
using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;

namespace Yiwang.UnitTests.People;

[Collection(Infrastructure.AloneCollection.Name)]
public sealed class IntakeFileTests
{
    private const string _chineseHeader = "记录编号,身份证号,姓名,性别,出生日期,社区代码,备注";

    private static readonly DateOnly _referenceDate = new(2025, 11, 1);

    private static readonly Encoding _utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private static Encoding Gb18030
    {
        get
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030");
        }
    }

    // ---- CSV encodings -------------------------------------------------------------------------

    [Fact]
    public void Utf8CsvWithBomIsReadWithoutTheBomInTheFirstHeader()
    {
        using var file = Utf8(_chineseHeader + "\nR1,42011619900101123X,张三,男,1990-01-01,420116001001,首行\n", bom: true);

        var inspection = IntakeFileReader.Inspect(file, "名单.csv");
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(FileFormat.Csv, inspection.Format);
        Assert.Equal("UTF-8 (BOM)", inspection.EncodingName);
        Assert.Equal("记录编号", inspection.Headers[0]);
        Assert.Equal(IntakeField.SourceRecordId, Assert.Single(inspection.SuggestedMapping.Columns, c => c.Value == 0).Key);
        var row = Assert.Single(rows);
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("R1", row[IntakeField.SourceRecordId]);
        Assert.Equal("42011619900101123X", row[IntakeField.IdNumber]);
        Assert.Equal("张三", row[IntakeField.Name]);
        Assert.Equal("首行", row[IntakeField.Note]);
    }

    [Fact]
    public void Utf8CsvWithoutBomIsDetected()
    {
        using var file = Utf8(_chineseHeader + "\r\nR1,42011619900101123X,张三,男,1990-01-01,420116001001,\r\n", bom: false);

        var inspection = IntakeFileReader.Inspect(file, null);
        var row = Assert.Single(ReadAll(file, inspection.SuggestedMapping));

        Assert.Equal("UTF-8", inspection.EncodingName);
        Assert.Equal("张三", row[IntakeField.Name]);
        Assert.Null(row[IntakeField.Note]);
        Assert.Equal(1, inspection.DataRowCount);
    }

    [Fact]
    public void GbkCsvAsExcelSavesItIsDecoded()
    {
        var text = _chineseHeader + "\r\nR1,42011619900101123X,张三,男,1990-01-01,420116001001,黄陂区前川街道\r\nR2,420116199202029876,欧阳娜娜,女,1992-02-02,420116001002,\r\n";
        using var file = new MemoryStream(Gb18030.GetBytes(text));

        var inspection = IntakeFileReader.Inspect(file, "名单.csv");
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal("GB18030", inspection.EncodingName);
        Assert.Equal(["记录编号", "身份证号", "姓名", "性别", "出生日期", "社区代码", "备注"], inspection.Headers);
        Assert.Equal(["张三", "欧阳娜娜"], rows.Select(r => r[IntakeField.Name]));
        Assert.Equal("黄陂区前川街道", rows[0][IntakeField.Note]);
        Assert.Equal([2L, 3L], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void AnAsciiPrefixLongerThanTheSampleDoesNotHideGbkText()
    {
        // 100 KB of digits before the first Chinese character: the sample must start where the text does.
        var text = new StringBuilder("id,name\r\n");
        for (var i = 0; text.Length < 100_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},n{i}\r\n");
        }

        text.Append("99999,张三\r\n");
        using var file = new MemoryStream(Gb18030.GetBytes(text.ToString()));

        var inspection = IntakeFileReader.Inspect(file, null);
        var last = ReadAll(file, inspection.SuggestedMapping)[^1];

        Assert.Equal("GB18030", inspection.EncodingName);
        Assert.Equal("张三", last[IntakeField.Name]);
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("GB18030")]
    public void ACharacterCutByTheEndOfTheSampleIsNotMistakenForBadEncoding(string encodingName)
    {
        var encoding = encodingName == "UTF-8" ? _utf8NoBom : Gb18030;
        var bytes = SampleStraddlingFile(encoding);

        using var file = new MemoryStream(bytes);
        var inspection = IntakeFileReader.Inspect(file, null);
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(encodingName, inspection.EncodingName);
        Assert.All(rows, row => Assert.Equal("中文", row[IntakeField.Name]));
    }

    [Fact]
    public void InvalidUtf8DeepInABigFileFailsTheReadInsteadOfBecomingReplacementCharacters()
    {
        var bytes = new List<byte>(_utf8NoBom.GetBytes("姓名,备注\n"));
        for (var i = 0; i < 60_000; i++)
        {
            bytes.AddRange(_utf8NoBom.GetBytes(string.Create(CultureInfo.InvariantCulture, $"张三{i},好\n")));
        }

        bytes.AddRange([0x41, 0xFF, 0xFE, 0x42, 0x2C, 0x43, 0x0A]);
        bytes.AddRange(_utf8NoBom.GetBytes("李四,好\n"));
        using var file = new MemoryStream(bytes.ToArray());
        var mapping = ColumnMapping.Suggest(["姓名", "备注"]);

        var read = 0;
        var error = Assert.Throws<IntakeFileException>(() =>
        {
            foreach (var row in IntakeFileReader.Read(file, "big.csv", mapping, CancellationToken.None))
            {
                Assert.DoesNotContain('\uFFFD', row[IntakeField.Name]!);
                read++;
            }
        });

        Assert.Equal("bad-encoding", error.Code);
        Assert.True(read > 40_000, $"rows before the bad bytes should come through first, got {read}");
        Assert.Contains("UTF-8", error.En, StringComparison.Ordinal);
    }

    [Fact]
    public void TextThatIsNeitherUtf8NorGbkIsRefused()
    {
        // 0x80 alone is not a character in UTF-8, nor in GB18030.
        using var file = new MemoryStream([.. "name\n"u8, 0x80, 0x0A]);

        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null));

        Assert.Equal("bad-encoding", error.Code);
        Assert.Equal($"{error.Zh} / {error.En}", error.Message);
    }

    // ---- CSV structure -------------------------------------------------------------------------

    [Fact]
    public void TheGeneratorsCsvImportsWithItsOwnHeader()
    {
        var people = GeneratePeople(500);
        using var file = new MemoryStream();
        using (var writer = new StreamWriter(file, _utf8NoBom, leaveOpen: true))
        {
            PopulationCsv.WriteHeader(writer);
            foreach (var person in people)
            {
                PopulationCsv.WriteRow(writer, person);
            }
        }

        var inspection = IntakeFileReader.Inspect(file, "population.csv");
        var mapping = inspection.SuggestedMapping;
        var rows = ReadAll(file, mapping);

        Assert.Equal(PopulationCsv.Header.Split(','), inspection.Headers);
        Assert.Equal(500, inspection.DataRowCount);
        Assert.Equal(10, mapping.Columns.Count);
        Assert.Equal(0, mapping.Columns[IntakeField.SourceRecordId]);
        Assert.Equal(1, mapping.Columns[IntakeField.HouseholdKey]);
        Assert.DoesNotContain(9, mapping.Columns.Values);
        Assert.Contains("ignored: J street_code", mapping.Describe(), StringComparison.Ordinal);
        Assert.Equal(500, rows.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var (person, row) = (people[i], rows[i]);
            Assert.Equal(i + 2, row.RowNumber);
            Assert.Equal(person.Id.ToString(), row[IntakeField.SourceRecordId]);
            Assert.Equal(person.HouseholdId.ToString(), row[IntakeField.HouseholdKey]);
            Assert.Equal(person.IdNumber, row[IntakeField.IdNumber]);
            Assert.Equal(person.Name, row[IntakeField.Name]);
            Assert.Equal(person.Sex == Sex.Male ? "M" : "F", row[IntakeField.Sex]);
            Assert.Equal(person.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row[IntakeField.BirthDate]);
            Assert.Equal(person.Phone, row[IntakeField.Phone]);
            Assert.Equal(person.Address, row[IntakeField.Address]);
            Assert.Equal(person.CommunityCode, row[IntakeField.CommunityCode]);
            Assert.Equal(person.Relation.ToString(), row[IntakeField.Relation]);
            Assert.Null(row[IntakeField.Category]);
        }
    }

    [Fact]
    public void QuotedFieldsKeepCommasQuotesAndLineBreaksAndRowNumbersFollowExcel()
    {
        const string text =
            "姓名,地址,备注\r\n" +
            "\"张三\",\"前川街道, 12号\",\"第一行\r\n第二行\"\r\n" +
            "\r\n" +
            ",,\r\n" +
            "  李四  ,\"他说\"\"好\"\"\",\r\n" +
            "王五\r\n" +
            "赵六,地址,备注,多余,\r\n";
        using var file = Utf8(text, bom: false);

        var inspection = IntakeFileReader.Inspect(file, null);
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(4, inspection.DataRowCount);
        Assert.Equal([2L, 5L, 6L, 7L], rows.Select(r => r.RowNumber));
        Assert.Equal("前川街道, 12号", rows[0][IntakeField.Address]);
        Assert.Equal("第一行\r\n第二行", rows[0][IntakeField.Note]);
        Assert.Equal("李四", rows[1][IntakeField.Name]);
        Assert.Equal("他说\"好\"", rows[1][IntakeField.Address]);
        Assert.Null(rows[1][IntakeField.Note]);
        Assert.Null(rows[2][IntakeField.Address]);
        Assert.Equal("备注", rows[3][IntakeField.Note]);
        Assert.Equal(["前川街道, 12号", "第一行\r\n第二行"], inspection.PreviewRows[0][1..]);
        Assert.Equal(["王五", "", ""], inspection.PreviewRows[2]);
        Assert.Equal([2L, 5L, 6L, 7L], inspection.PreviewRowNumbers);
    }

    [Fact]
    public void TabSeparatedTextIsReadToo()
    {
        // The delimiter is detected from the header line: some systems export "CSV" with tabs.
        using var file = Utf8("姓名\t身份证号\t地址\n张三\t42011619900101123X\t前川街道, 12号\n", bom: false);

        var inspection = IntakeFileReader.Inspect(file, "export.txt");
        var row = Assert.Single(ReadAll(file, inspection.SuggestedMapping));

        Assert.Equal(["姓名", "身份证号", "地址"], inspection.Headers);
        Assert.Equal("前川街道, 12号", row[IntakeField.Address]);
    }

    [Fact]
    public void BlankAndTitleRowsAboveTheHeaderAreSkippedButCounted()
    {
        const string text = "\n黄陂区独居老人名单,,\n\n姓名,身份证号\n张三,42011619900101123X\n";
        using var file = Utf8(text, bom: false);

        var inspection = IntakeFileReader.Inspect(file, null);
        var row = Assert.Single(ReadAll(file, inspection.SuggestedMapping));

        Assert.Equal(["姓名", "身份证号"], inspection.Headers);
        Assert.Equal([5L], inspection.PreviewRowNumbers);
        Assert.Equal(5, row.RowNumber);
        Assert.Equal("张三", row[IntakeField.Name]);
    }

    [Fact]
    public void AOneColumnTableKeepsItsFirstDataRow()
    {
        using var file = Utf8("姓名\n张三\n李四\n", bom: false);

        var inspection = IntakeFileReader.Inspect(file, null);
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(["姓名"], inspection.Headers);
        Assert.Equal(["张三", "李四"], rows.Select(r => r[IntakeField.Name]));
        Assert.Equal([2L, 3L], rows.Select(r => r.RowNumber));
    }

    [Fact]
    public void AHeaderOnlyFileHasNoRows()
    {
        using var file = Utf8(_chineseHeader + "\n", bom: true);

        var inspection = IntakeFileReader.Inspect(file, null);

        Assert.Empty(inspection.PreviewRows);
        Assert.Equal(0, inspection.DataRowCount);
        Assert.Empty(ReadAll(file, inspection.SuggestedMapping));
    }

    [Fact]
    public void AFirstRowWithoutTextIsNotAHeader()
    {
        using var file = Utf8("420116199001011234,1990-01-01,3\n", bom: false);

        Assert.Equal("no-header", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    [Fact]
    public void MoreThanTwoHundredColumnsAreRefused()
    {
        var header = string.Join(',', Enumerable.Range(1, IntakeFileReader.MaxColumns + 1).Select(i => string.Create(CultureInfo.InvariantCulture, $"列{i}")));
        using var file = Utf8(header + "\n", bom: false);

        Assert.Equal("too-many-columns", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    [Fact]
    public void AnUnterminatedQuoteInTheLastRecordMeansTheFileWasCutOff()
    {
        using var file = Utf8("姓名,备注\n张三,好\n李四,\"没有结束\n", bom: false);
        var mapping = ColumnMapping.Suggest(["姓名", "备注"]);

        var rows = new List<RawRow>();
        var error = Assert.Throws<IntakeFileException>(() => rows.AddRange(IntakeFileReader.Read(file, null, mapping, CancellationToken.None)));

        Assert.Equal("truncated", error.Code);
        Assert.Contains("3", error.En, StringComparison.Ordinal);
        Assert.Equal("truncated", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    [Fact]
    public void TextAfterAClosingQuoteIsCorrupt()
    {
        using var file = Utf8("姓名,备注\n\"张三\"x,好\n", bom: false);

        Assert.Equal("corrupt", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    // ---- refusals ------------------------------------------------------------------------------

    public static TheoryData<string, byte[], string, string?> Refused => new()
    {
        { "empty", [], "empty", null },
        { "BOM only", [0xEF, 0xBB, 0xBF], "empty", null },
        { "blank lines", "\r\n \r\n,,\r\n"u8.ToArray(), "empty", null },
        { "PDF", [.. "%PDF-1.7\n%"u8, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A], "not-a-table", "PDF" },
        { "PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "not-a-table", "image" },
        { "JPEG", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46], "not-a-table", "image" },
        { "legacy XLS", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0], "not-a-table", ".xlsx" },
        { "UTF-16 LE with BOM", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("姓名,身份证号\r\n")], "bad-encoding", "UTF-16" },
        { "UTF-16 BE with BOM", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("name,id\r\n")], "bad-encoding", "UTF-16" },
        { "UTF-16 without BOM", Encoding.Unicode.GetBytes("name,id_number\r\nZhang,1\r\n"), "bad-encoding", "UTF-16" },
        { "binary", [0x01, 0x02, 0x00, 0x00, 0x17, 0x00, 0xFF, 0x00, 0x00, 0x00], "not-a-table", "not a text file" },
        { "HTML saved as .xls", "\r\n<html><body><table><tr><td>姓名</td></tr></table></body></html>"u8.ToArray(), "not-a-table", "HTML" },
        { "gzip", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0], "not-a-table", "archive" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void FilesThatAreNotTablesAreRefusedWithAReason(string what, byte[] bytes, string code, string? mentions)
    {
        using var file = new MemoryStream(bytes);

        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, "upload.xls"));

        Assert.True(code == error.Code, $"{what}: expected {code}, got {error.Code}");
        if (mentions is not null)
        {
            Assert.Contains(mentions, error.En, StringComparison.Ordinal);
        }

        Assert.False(string.IsNullOrWhiteSpace(error.Zh));
    }

    [Fact]
    public void TheRefusalComesBeforeReadingAnything()
    {
        using var file = new MemoryStream("%PDF-1.4"u8.ToArray());

        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Read(file, "a.pdf", ColumnMapping.Suggest(["姓名"]), CancellationToken.None));

        Assert.Equal("not-a-table", error.Code);
    }

    [Fact]
    public void DetectRewindsAndNeedsASeekableStream()
    {
        using var file = XlsxFixture.WithMiniExcel([new() { ["姓名"] = "张三" }]);
        file.Position = 17;

        Assert.Equal(FileFormat.Xlsx, IntakeFileReader.Detect(file, "a.csv"));
        Assert.Equal(0, file.Position);
        using var forwardOnly = new ForwardOnlyStream(file.ToArray());
        Assert.Throws<ArgumentException>(() => IntakeFileReader.Detect(forwardOnly, null));
    }

    // ---- XLSX ----------------------------------------------------------------------------------

    [Fact]
    public void XlsxWithChineseHeadersIsReadAsTextDatesAndWholeNumbers()
    {
        using var file = XlsxFixture.WithMiniExcel(
        [
            new()
            {
                ["编号"] = 42, ["身份证号"] = "42011619900101123X", ["姓名"] = " 张三 ", ["出生日期"] = new DateTime(1990, 1, 1),
                ["社区代码"] = "420116001001", ["联系电话"] = 13812345678L, ["报告日期"] = new DateTime(2025, 3, 4, 8, 30, 0),
                ["是否有效"] = true, ["备注"] = null,
            },
            new()
            {
                ["编号"] = 43, ["身份证号"] = "420116199202020012", ["姓名"] = "李四", ["出生日期"] = new DateTime(1992, 2, 2),
                ["社区代码"] = "420116001002", ["联系电话"] = null, ["报告日期"] = null, ["是否有效"] = false, ["备注"] = "0042",
            },
        ]);

        var inspection = IntakeFileReader.Inspect(file, "名单.xlsx");
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(FileFormat.Xlsx, inspection.Format);
        Assert.Null(inspection.EncodingName);
        Assert.Equal(["编号", "身份证号", "姓名", "出生日期", "社区代码", "联系电话", "报告日期", "是否有效", "备注"], inspection.Headers);
        Assert.Equal(9, inspection.SuggestedMapping.Columns.Count);
        Assert.Equal(2, inspection.DataRowCount);
        Assert.Equal(["42", "42011619900101123X", "张三", "1990-01-01", "420116001001", "13812345678", "2025-03-04", "TRUE", ""], inspection.PreviewRows[0]);

        var (first, second) = (rows[0], rows[1]);
        Assert.Equal([2L, 3L], rows.Select(r => r.RowNumber));
        Assert.Equal("42", first[IntakeField.SourceRecordId]);
        Assert.Equal("42011619900101123X", first[IntakeField.IdNumber]);
        Assert.Equal("张三", first[IntakeField.Name]);
        Assert.Equal("1990-01-01", first[IntakeField.BirthDate]);
        Assert.Equal("13812345678", first[IntakeField.Phone]);
        Assert.Equal("2025-03-04", first[IntakeField.EventDate]);
        Assert.Equal("TRUE", first[IntakeField.Active]);
        Assert.Null(first[IntakeField.Note]);
        Assert.Equal("420116199202020012", second[IntakeField.IdNumber]);
        Assert.Null(second[IntakeField.Phone]);
        Assert.Equal("0042", second[IntakeField.Note]);
    }

    [Fact]
    public void ExcelWrittenCellsComeThroughAsAPersonSeesThem()
    {
        // As Excel writes it: shared strings, a date style, an identity number stored as a number
        // (Excel keeps 15 digits), blank rows above the header and between data rows, and a second
        // sheet whose part happens to be sheet1.xml.
        using var file = XlsxFixture.ExcelLike();

        var inspection = IntakeFileReader.Inspect(file, "名单.xlsx");
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(["身份证号", "姓名", "出生日期", "备注"], inspection.Headers);
        Assert.Equal([4L, 7L, 8L], rows.Select(r => r.RowNumber));
        Assert.Equal("420116199001011234", rows[0][IntakeField.IdNumber]);
        Assert.Equal("张三", rows[0][IntakeField.Name]);
        Assert.Equal("1990-01-01", rows[0][IntakeField.BirthDate]);
        Assert.Equal("4.20116199001011E+17", rows[1][IntakeField.IdNumber]);
        Assert.Equal("李四", rows[1][IntakeField.Name]);
        Assert.Equal("1990-01-01", rows[1][IntakeField.BirthDate]);
        Assert.Equal("王五", rows[1][IntakeField.Note]);
        Assert.Equal("#N/A", rows[2][IntakeField.Name]);
        Assert.Equal("2025-01-01", rows[2][IntakeField.BirthDate]);
    }

    [Fact]
    public void AStrayCellFarAwayDoesNotWidenTheSheet()
    {
        // dimension A1:XFD1048576 and a cell in XFD: MiniExcel would build 16,384-key rows without the clip.
        using var file = XlsxFixture.Build(
            """<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>备注</t></is></c></row>""" +
            """<row r="2"><c r="A2" t="inlineStr"><is><t>张三</t></is></c><c r="XFD2"><v>1</v></c></row>""" +
            """<row r="40000"><c r="A40000" t="inlineStr"><is><t>李四</t></is></c></row></sheetData>""");

        var inspection = IntakeFileReader.Inspect(file, null);
        var rows = ReadAll(file, inspection.SuggestedMapping);

        Assert.Equal(["姓名", "备注"], inspection.Headers);
        Assert.Equal([2L, 40000L], rows.Select(r => r.RowNumber));

        // Counting stops at 20,000 XLSX rows, blank ones included: past that the count is unknown.
        Assert.Null(inspection.DataRowCount);
        Assert.Equal(["张三", ""], Assert.Single(inspection.PreviewRows));
    }

    [Fact]
    public void AHalfUploadedXlsxIsTruncated()
    {
        var bytes = XlsxFixture.WithMiniExcel(ManyRows(2_000)).ToArray();
        using var half = new MemoryStream(bytes[..(bytes.Length / 2)]);

        Assert.Equal("truncated", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(half, "a.xlsx")).Code);
        Assert.Equal("truncated", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Detect(half, "a.xlsx")).Code);
    }

    [Fact]
    public void ADamagedXlsxIsCorruptWhileReading()
    {
        var bytes = XlsxFixture.WithMiniExcel(ManyRows(5_000)).ToArray();
        var sheet = XlsxFixture.DataOffset(bytes, "xl/worksheets/sheet1.xml");
        for (var i = sheet + 2_000; i < sheet + 2_400; i++)
        {
            bytes[i] ^= 0x5A;
        }

        using var file = new MemoryStream(bytes);
        var mapping = ColumnMapping.Suggest(["身份证号", "姓名"]);

        Assert.Equal(FileFormat.Xlsx, IntakeFileReader.Detect(file, null));
        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Read(file, null, mapping, CancellationToken.None).Count());
        Assert.Equal("corrupt", error.Code);
    }

    [Fact]
    public void AZipThatIsNotAWorkbookIsRefused()
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            entry.Write("<w:document/>");
        }

        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, "a.xlsx"));

        Assert.Equal("not-a-table", error.Code);
        Assert.Contains("Word", error.En, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptySheetIsEmpty()
    {
        using var file = XlsxFixture.Build("<sheetData/>");

        Assert.Equal("empty", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    [Fact]
    public void AnXlsxTooWideIsRefused()
    {
        var row = new Dictionary<string, object?>();
        for (var i = 1; i <= IntakeFileReader.MaxColumns + 1; i++)
        {
            row[string.Create(CultureInfo.InvariantCulture, $"列{i}")] = "x";
        }

        using var file = XlsxFixture.WithMiniExcel([row]);

        Assert.Equal("too-many-columns", Assert.Throws<IntakeFileException>(() => IntakeFileReader.Inspect(file, null)).Code);
    }

    // ---- mapping -------------------------------------------------------------------------------

    [Fact]
    public void SuggestRecognisesChineseHeadersWhateverTheirSpacingOrWidth()
    {
        string[] headers = ["序号", " 公民身份号码 ", "*姓名", "性 别", "出生年月日", "手机号码", "现住址", "村（社区）代码", "户编号", "与户主关系", "人员类别", "就诊日期", "是否有效", "备注", "来源编号"];

        var columns = ColumnMapping.Suggest(headers).Columns;

        Assert.Equal(14, columns.Count);
        Assert.Equal(1, columns[IntakeField.IdNumber]);
        Assert.Equal(2, columns[IntakeField.Name]);
        Assert.Equal(3, columns[IntakeField.Sex]);
        Assert.Equal(7, columns[IntakeField.CommunityCode]);
        Assert.Equal(8, columns[IntakeField.HouseholdKey]);
        Assert.Equal(11, columns[IntakeField.EventDate]);
        Assert.Equal(14, columns[IntakeField.SourceRecordId]);
        Assert.DoesNotContain(0, columns.Values);
    }

    [Fact]
    public void SuggestRecognisesEnglishHeadersInAnyCase()
    {
        string[] headers = ["Record_ID", "ID Number", "NAME", "Gender", "DOB", "Mobile", "Address", "Community", "Household", "Relation", "Type", "Visit_Date", "Status", "Remarks"];

        var columns = ColumnMapping.Suggest(headers).Columns;

        Assert.Equal(Enum.GetValues<IntakeField>().Length, columns.Count);
        Assert.All(columns, pair => Assert.Equal((int)pair.Key, pair.Value));
    }

    [Fact]
    public void SuggestGivesAFieldToTheLeftmostOfTwoCandidates()
    {
        var mapping = ColumnMapping.Suggest(["电话", "手机号", "ＩＤ"]);

        Assert.Equal(0, mapping.Columns[IntakeField.Phone]);
        Assert.Equal(2, mapping.Columns[IntakeField.SourceRecordId]);
        Assert.Equal("A 电话 → Phone; C ＩＤ → SourceRecordId; ignored: B 手机号", mapping.Describe());
    }

    [Fact]
    public void FromNamesTakesTheUsersChoice()
    {
        var mapping = ColumnMapping.FromNames(
            ["人员编号", "证件", "名称"],
            new Dictionary<IntakeField, string> { [IntakeField.SourceRecordId] = "人员编号", [IntakeField.IdNumber] = " 证件", [IntakeField.Name] = "名称" });

        Assert.Equal([0, 1, 2], new[] { IntakeField.SourceRecordId, IntakeField.IdNumber, IntakeField.Name }.Select(f => mapping.Columns[f]));
    }

    [Theory]
    [InlineData("无此列", "姓名")]
    [InlineData("姓名", "姓名")]
    [InlineData("备注", "姓名")]
    [InlineData("", "姓名")]
    public void FromNamesRefusesUnknownRepeatedOrAmbiguousHeaders(string idHeader, string nameHeader)
    {
        string[] headers = ["身份证号", "姓名", "备注", "备注"];

        var error = Assert.Throws<IntakeFileException>(() => ColumnMapping.FromNames(
            headers,
            new Dictionary<IntakeField, string> { [IntakeField.IdNumber] = idHeader, [IntakeField.Name] = nameHeader }));

        Assert.Equal("bad-mapping", error.Code);
    }

    [Fact]
    public void FromIndexesRefusesAColumnOutsideTheHeader()
    {
        var error = Assert.Throws<IntakeFileException>(() => ColumnMapping.FromIndexes(["姓名"], new Dictionary<IntakeField, int> { [IntakeField.Name] = 1 }));

        Assert.Equal("bad-mapping", error.Code);
    }

    [Fact]
    public void AMappingMadeForAnotherFileIsRefused()
    {
        using var file = Utf8("姓名,身份证号\n张三,1\n", bom: false);
        var mapping = ColumnMapping.Suggest(["身份证号", "姓名"]);

        var error = Assert.Throws<IntakeFileException>(() => IntakeFileReader.Read(file, null, mapping, CancellationToken.None).ToList());

        Assert.Equal("bad-mapping", error.Code);
    }

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(200, "GS")]
    [InlineData(16383, "XFD")]
    public void ColumnNamesAreSpreadsheetLetters(int column, string name) => Assert.Equal(name, ColumnMapping.ColumnName(column));

    // ---- streaming -----------------------------------------------------------------------------

    [Fact]
    public void ATwoHundredThousandRowCsvIsReadWithoutHoldingIt()
    {
        const int total = 200_000;
        var path = Path.Combine(Path.GetTempPath(), $"yiwang-intake-{Guid.NewGuid():N}.csv");
        try
        {
            using (var writer = new StreamWriter(path, append: false, _utf8NoBom))
            {
                PopulationCsv.WriteHeader(writer);
                foreach (var person in new PopulationGenerator(11).Generate(Communities(), total, _referenceDate).SelectMany(h => h.Members))
                {
                    PopulationCsv.WriteRow(writer, person);
                }
            }

            using var file = File.OpenRead(path);
            var mapping = IntakeFileReader.Inspect(file, path).SuggestedMapping;
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0, count = 0, lastRow = 0;
            foreach (var row in IntakeFileReader.Read(file, path, mapping, CancellationToken.None))
            {
                count++;
                lastRow = row.RowNumber;
                if (count % 40_000 == 0)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }

            Assert.Equal(total, count);
            Assert.Equal(total + 1, lastRow);

            // Holding the rows would take well over 100 MB; reading one at a time keeps a few buffers.
            Assert.True(peak < 16 * 1024 * 1024, $"live memory grew by {peak / 1024 / 1024} MB while reading");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadStopsWhenCancelled()
    {
        var text = new StringBuilder("姓名\n");
        for (var i = 0; i < 5_000; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"张{i}\n");
        }

        using var file = Utf8(text.ToString(), bom: false);
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var unused in IntakeFileReader.Read(file, null, ColumnMapping.Suggest(["姓名"]), cancellation.Token))
            {
                if (++read == 10)
                {
                    cancellation.Cancel();
                }
            }
        });
        Assert.True(read < 5_000);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static List<RawRow> ReadAll(Stream file, ColumnMapping mapping)
    {
        var rows = IntakeFileReader.Read(file, null, mapping, CancellationToken.None).ToList();
        Assert.All(rows, row => Assert.Equal(RawRow.FieldCount, row.Values.Length));
        return rows;
    }

    private static MemoryStream Utf8(string text, bool bom) =>
        new(bom ? [0xEF, 0xBB, 0xBF, .. _utf8NoBom.GetBytes(text)] : _utf8NoBom.GetBytes(text));

    private static List<Dictionary<string, object?>> ManyRows(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new Dictionary<string, object?>
            {
                ["身份证号"] = string.Create(CultureInfo.InvariantCulture, $"420116199001{i:000000}"),
                ["姓名"] = string.Create(CultureInfo.InvariantCulture, $"张{i}"),
            })
            .ToList();

    /// <summary>
    /// A header, then rows of "中文", padded so that one character's bytes straddle the end of the
    /// 64 KB encoding sample, which starts at the first non-ASCII byte (offset 0 here).
    /// </summary>
    private static byte[] SampleStraddlingFile(Encoding encoding)
    {
        const int sampleEnd = 64 * 1024;
        for (var padding = 0; padding < 8; padding++)
        {
            // Trailing spaces are trimmed from the header, so the padding leaves it "备注".
            var bytes = new List<byte>(encoding.GetBytes("姓名,备注" + new string(' ', padding) + "\n"));
            var straddles = false;
            while (bytes.Count < sampleEnd + 4_096)
            {
                foreach (var c in "中文,x\n")
                {
                    var character = encoding.GetBytes(c.ToString());
                    straddles |= bytes.Count < sampleEnd && bytes.Count + character.Length > sampleEnd;
                    bytes.AddRange(character);
                }
            }

            if (straddles)
            {
                return [.. bytes];
            }
        }

        throw new InvalidOperationException("No padding puts a character across the sample boundary.");
    }

    private static List<GeneratedPerson> GeneratePeople(int count) =>
        new PopulationGenerator(5).Generate(Communities(), count, _referenceDate).SelectMany(h => h.Members).ToList();

    private static List<CommunitySlot> Communities() =>
    [
        new("420116001001", "420116001", "第1社区", "前川街道", IsVillage: false),
        new("420116001201", "420116001", "第1村", "前川街道", IsVillage: true),
        new("420116002001", "420116002", "第2社区", "滠口街道", IsVillage: false),
    ];

    /// <summary>A stream that cannot seek, as an upload body is before it is buffered.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

/// <summary>XLSX files for tests: written by MiniExcel, or assembled part by part the way Excel writes them.</summary>
internal static class XlsxFixture
{
    private const string _contentTypes = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""";
    private const string _rootRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";
    private const string _workbookRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";
    private const string _styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""";
    private const string _sharedStrings = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7"><si><t>身份证号</t></si><si><t>姓名</t></si><si><t>出生日期</t></si><si><t>420116199001011234</t></si><si><r><t>张</t></r><r><t>三</t></r></si><si><t xml:space="preserve"> 王五 </t></si><si><t>备注</t></si></sst>""";
    private const string _worksheetStart = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";

    public static MemoryStream WithMiniExcel(IReadOnlyList<Dictionary<string, object?>> rows)
    {
        var file = new MemoryStream();
        MiniExcel.SaveAs(file, rows, sheetName: "名单", excelType: ExcelType.XLSX);
        file.Position = 0;
        return file;
    }

    /// <summary>
    /// The first sheet in workbook order ("名单") is stored as sheet2.xml; sheet1.xml is a notes sheet.
    /// Data: header in row 3, rows 4, 7 and 8, rows 5-6 missing.
    /// </summary>
    public static MemoryStream ExcelLike() => Build(
        """<dimension ref="A3:D8"/><sheetData>""" +
        """<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c><c r="C3" t="s"><v>2</v></c><c r="D3" t="s"><v>6</v></c></row>""" +
        """<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="s"><v>4</v></c><c r="C4" s="1"><v>32874</v></c></row>""" +
        """<row r="7"><c r="A7"><v>4.20116199001011E+17</v></c><c r="B7" t="inlineStr"><is><t>李四</t></is></c><c r="C7" s="2"><v>32874</v></c><c r="D7" t="s"><v>5</v></c></row>""" +
        """<row r="8"><c r="B8" t="e"><v>#N/A</v></c><c r="C8" t="str"><f>DATE(2025,1,1)</f><v>2025-01-01</v></c></row>""" +
        """</sheetData>""",
        notes: """<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c><c r="B1" t="inlineStr"><is><t>不要导入这一页</t></is></c></row></sheetData>""");

    /// <summary>A workbook whose first sheet has <paramref name="sheetBody"/> inside &lt;worksheet&gt;.</summary>
    public static MemoryStream Build(string sheetBody, string notes = "<sheetData/>")
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", _contentTypes);
            Add(zip, "_rels/.rels", _rootRelationships);
            Add(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="2" r:id="rId2"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Add(zip, "xl/_rels/workbook.xml.rels", _workbookRelationships);
            Add(zip, "xl/styles.xml", _styles);
            Add(zip, "xl/sharedStrings.xml", _sharedStrings);
            Add(zip, "xl/worksheets/sheet1.xml", _worksheetStart + notes + "</worksheet>");
            Add(zip, "xl/worksheets/sheet2.xml", _worksheetStart + sheetBody + "</worksheet>");
        }

        file.Position = 0;
        return file;
    }

    /// <summary>Where an entry's compressed data starts in a ZIP file (after its local header).</summary>
    public static int DataOffset(byte[] zipBytes, string entryName)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 30 < zipBytes.Length; i++)
        {
            if (zipBytes.AsSpan(i).StartsWith("PK\x03\x04"u8))
            {
                var nameLength = BitConverter.ToUInt16(zipBytes, i + 26);
                var extraLength = BitConverter.ToUInt16(zipBytes, i + 28);
                if (zipBytes.AsSpan(i + 30, nameLength).SequenceEqual(name))
                {
                    return i + 30 + nameLength + extraLength;
                }
            }
        }

        throw new InvalidOperationException($"No entry {entryName}.");
    }

    private static void Add(ZipArchive zip, string path, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }
}
