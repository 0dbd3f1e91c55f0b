using Yiwang.Kernel.Web;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using MiniExcelLibs;
using Sylvan.Data.Csv;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Files;

namespace Yiwang.UnitTests.People;

public sealed class TableExportTests
{
    private static readonly (string Header, Func<Person, string?> Value)[] _columns =
    [
        ("姓名", p => p.Name),
        ("身份证号", p => p.IdNumber),
        ("备注", p => p.Note),
    ];

    private static readonly Person[] _people =
    [
        new("张三", "42011619900101123X", "前川街道, 12号"),
        new("李四", "420116199202020012", "他说\"好\"\n换行"),
        new("=HYPERLINK(\"http://x\")", "0042", "@SUM(A1)"),
        new("-3", "+86", "-1+2"),
        new("\tTab", "\rCR", "+8613812345678"),
        new(" 王五 ", null, "-"),
    ];

    // ---- CSV -----------------------------------------------------------------------------------

    [Fact]
    public async Task CsvStartsWithABomForExcelAndEndsLinesWithCrLf()
    {
        var bytes = await Csv(_people.Take(1));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("姓名,身份证号,备注\r\n张三,42011619900101123X,\"前川街道, 12号\"\r\n", Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task CsvRoundTripsThroughAStandardReader()
    {
        var bytes = await Csv(_people);

        var rows = ReadCsv(bytes);

        Assert.Equal(new string?[] { "姓名", "身份证号", "备注" }, rows[0].AsEnumerable());
        Assert.Equal(["张三", "42011619900101123X", "前川街道, 12号"], rows[1]);
        Assert.Equal(["李四", "420116199202020012", "他说\"好\"\n换行"], rows[2]);
        Assert.Equal([" 王五 ", "", "'-"], rows[6]);
        Assert.Equal(_people.Length + 1, rows.Count);
    }

    [Fact]
    public async Task CsvDefusesFormulasButNotSignedNumbers()
    {
        var rows = ReadCsv(await Csv(_people));

        Assert.Equal(["'=HYPERLINK(\"http://x\")", "0042", "'@SUM(A1)"], rows[3]);
        Assert.Equal(["-3", "+86", "'-1+2"], rows[4]);
        Assert.Equal(["'\tTab", "'\rCR", "+8613812345678"], rows[5]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-A1", "'-A1")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("-3", "-3")]
    [InlineData("-3.25", "-3.25")]
    [InlineData("+.5", "+.5")]
    [InlineData("1-2", "1-2")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void FormulaDefusing(string? value, string? expected) => Assert.Equal(expected, TableExport.DefuseFormula(value));

    [Fact]
    public async Task CsvNeverWritesSynchronously()
    {
        using var output = new AsyncOnlyStream();

        await TableExport.WriteCsvAsync(output, _columns, Rows(_people), CancellationToken.None);

        Assert.Equal(_people.Length + 1, ReadCsv(output.ToArray()).Count);
    }

    [Fact]
    public async Task CsvOfManyRowsIsWrittenInChunks()
    {
        using var output = new AsyncOnlyStream();

        await TableExport.WriteCsvAsync(output, _columns, Rows(Many(20_000)), CancellationToken.None);

        Assert.True(output.Writes > 1, $"expected chunked writes, got {output.Writes}");
        Assert.Equal(20_001, ReadCsv(output.ToArray()).Count);
    }

    [Fact]
    public async Task CsvExportImportsBackWithTheSameValues()
    {
        (string, Func<Person, string?>)[] columns = [("姓名", p => p.Name), ("身份证号", p => p.IdNumber), ("备注", p => p.Note)];
        var people = _people.Take(2).ToArray();
        using var file = new MemoryStream(await Csv(people, columns));

        var inspection = IntakeFileReader.Inspect(file, "export.csv");
        var rows = IntakeFileReader.Read(file, "export.csv", inspection.SuggestedMapping, CancellationToken.None).ToList();

        Assert.Equal("UTF-8 (BOM)", inspection.EncodingName);
        Assert.Equal(people.Select(p => p.IdNumber), rows.Select(r => r[IntakeField.IdNumber]));
        Assert.Equal(people.Select(p => p.Note), rows.Select(r => r[IntakeField.Note]));
    }

    // ---- XLSX ----------------------------------------------------------------------------------

    [Fact]
    public async Task XlsxIsReadableByMiniExcelWithTheSameValues()
    {
        using var output = new MemoryStream();

        await TableExport.WriteXlsxAsync(output, "人员名单", _columns, Rows(_people), CancellationToken.None);

        output.Position = 0;
        Assert.Equal(["人员名单"], MiniExcel.GetSheetNames(output));
        var rows = QueryXlsx(output);
        Assert.Equal(new string?[] { "姓名", "身份证号", "备注" }, rows[0].AsEnumerable());
        for (var i = 0; i < _people.Length; i++)
        {
            // Nothing is defused here: every value is a text cell, so nothing is evaluated. Line
            // ends come back as LF, as XML reads them and as Excel keeps them inside a cell.
            Assert.Equal(new[] { _people[i].Name, _people[i].IdNumber, _people[i].Note }.Select(Lf), rows[i + 1].AsEnumerable());
        }
    }

    [Fact]
    public async Task XlsxCellsAreAllTextNeverFormulasOrNumbers()
    {
        using var output = new MemoryStream();

        await TableExport.WriteXlsxAsync(output, "Sheet1", _columns, Rows(_people), CancellationToken.None);

        var sheet = SheetXml(output);
        Assert.DoesNotContain("<x:f>", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("t=\"n\"", sheet, StringComparison.Ordinal);
        Assert.Contains("<x:v>=HYPERLINK(&quot;http://x&quot;)</x:v>", sheet, StringComparison.Ordinal);
        Assert.Contains("<x:v>0042</x:v>", sheet, StringComparison.Ordinal);

        // The drawing part must follow sheetData, not sit inside it (MiniExcel 1.46's async writer).
        Assert.True(sheet.IndexOf("</x:sheetData>", StringComparison.Ordinal) < sheet.IndexOf("<x:drawing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEmptyXlsxExportStillHasItsHeader()
    {
        using var output = new MemoryStream();

        await TableExport.WriteXlsxAsync(output, "空", _columns, Rows(Array.Empty<Person>()), CancellationToken.None);

        output.Position = 0;
        Assert.Equal(new[] { new string?[] { "姓名", "身份证号", "备注" } }, QueryXlsx(output));
    }

    [Fact]
    public async Task XlsxAllowsRepeatedHeaders()
    {
        (string, Func<Person, string?>)[] columns = [("名", p => p.Name), ("名", p => p.IdNumber)];
        using var output = new MemoryStream();

        await TableExport.WriteXlsxAsync(output, "S", columns, Rows(_people.Take(1)), CancellationToken.None);

        output.Position = 0;
        Assert.Equal(new[] { new string?[] { "名", "名" }, new string?[] { "张三", "42011619900101123X" } }, QueryXlsx(output));
    }

    [Fact]
    public async Task XlsxStreamsManyRowsToAnOutputThatOnlyTakesAsyncWrites()
    {
        using var output = new AsyncOnlyStream();

        await TableExport.WriteXlsxAsync(output, "S", _columns, Rows(Many(50_000)), CancellationToken.None);

        using var file = new MemoryStream(output.ToArray());
        Assert.Equal(50_001, MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX).Count());
        Assert.True(output.Writes > 1);
    }

    [Fact]
    public async Task XlsxExportImportsBackWithTheSameValues()
    {
        var people = Many(300);
        using var output = new MemoryStream();
        await TableExport.WriteXlsxAsync(output, "S", _columns, Rows(people), CancellationToken.None);

        var inspection = IntakeFileReader.Inspect(output, "export.xlsx");
        var rows = IntakeFileReader.Read(output, "export.xlsx", inspection.SuggestedMapping, CancellationToken.None).ToList();

        Assert.Equal(FileFormat.Xlsx, inspection.Format);
        Assert.Equal(people.Select(p => p.IdNumber), rows.Select(r => r[IntakeField.IdNumber]));
        Assert.Equal(Enumerable.Range(2, 300).Select(i => (long)i), rows.Select(r => r.RowNumber));
    }

    [Fact]
    public async Task AFailingSourceFailsTheXlsxExportWithItsOwnError()
    {
        using var output = new MemoryStream();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => TableExport.WriteXlsxAsync(output, "S", _columns, Failing(after: 2_000), CancellationToken.None));

        Assert.Equal("source broke", error.Message);
    }

    [Fact]
    public async Task AFailingOutputFailsTheXlsxExportWithItsOwnError()
    {
        using var output = new AsyncOnlyStream { FailAfterBytes = 64 * 1024 };

        var error = await Assert.ThrowsAsync<IOException>(
            () => TableExport.WriteXlsxAsync(output, "S", _columns, Rows(Many(100_000)), CancellationToken.None));

        Assert.Equal("client went away", error.Message);
    }

    [Fact]
    public async Task CancellingStopsTheXlsxExport()
    {
        using var output = new MemoryStream();
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => TableExport.WriteXlsxAsync(output, "S", _columns, Endless(cancellation, cancelAfter: 5_000), cancellation.Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("[x]")]
    [InlineData("'quoted'")]
    [InlineData("an exceedingly long sheet name here")]
    public async Task SheetNamesExcelWouldRefuseAreRefused(string name)
    {
        using var output = new MemoryStream();

        await Assert.ThrowsAsync<ArgumentException>(() => TableExport.WriteXlsxAsync(output, name, _columns, Rows(_people), CancellationToken.None));
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static async Task<byte[]> Csv(IEnumerable<Person> people, IReadOnlyList<(string, Func<Person, string?>)>? columns = null)
    {
        using var output = new MemoryStream();
        await TableExport.WriteCsvAsync(output, columns ?? _columns, Rows(people), CancellationToken.None);
        return output.ToArray();
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',' });
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.RowFieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    private static List<string?[]> QueryXlsx(Stream file) =>
        MiniExcel.Query(file, useHeaderRow: false, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .Select(row => row.Values.Select(value => value as string).ToArray())
            .ToList();

    private static string SheetXml(MemoryStream xlsx)
    {
        xlsx.Position = 0;
        using var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true);
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        return sheet.ReadToEnd();
    }

    private static string? Lf(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    private static Person[] Many(int count) =>
        Enumerable.Range(0, count)
            .Select(i => new Person(
                string.Create(CultureInfo.InvariantCulture, $"张{i}"),
                string.Create(CultureInfo.InvariantCulture, $"420116199001{i:000000}"),
                i % 7 == 0 ? null : "备注"))
            .ToArray();

    private static async IAsyncEnumerable<Person> Rows(IEnumerable<Person> people)
    {
        foreach (var person in people)
        {
            await Task.Yield();
            yield return person;
        }
    }

    private static async IAsyncEnumerable<Person> Failing(int after)
    {
        foreach (var person in Many(after))
        {
            await Task.Yield();
            yield return person;
        }

        throw new InvalidOperationException("source broke");
    }

    private static async IAsyncEnumerable<Person> Endless(CancellationTokenSource cancellation, int cancelAfter, [EnumeratorCancellation] CancellationToken ct = default)
    {
        for (var i = 0; ; i++)
        {
            if (i == cancelAfter)
            {
                await cancellation.CancelAsync();
            }

            ct.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return new Person("张三", "42011619900101123X", null);
        }
    }

    internal sealed record Person(string Name, string? IdNumber, string? Note);

    /// <summary>
    /// An output like Kestrel's response body: not seekable, and synchronous writes throw.
    /// </summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _buffer = new();

        public int Writes { get; private set; }

        public long FailAfterBytes { get; init; } = long.MaxValue;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => _buffer.ToArray();

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            if (_buffer.Length + buffer.Length > FailAfterBytes)
            {
                throw new IOException("client went away");
            }

            Writes++;
            _buffer.Write(buffer.Span);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
