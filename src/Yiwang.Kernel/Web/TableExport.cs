using System.Buffers;
using System.Data;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.ExceptionServices;
using System.Text;
using System.Threading.Channels;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Yiwang.Kernel.Web;

/// <summary>Streams rows as CSV or XLSX, so a million-row export holds a few hundred rows at a time. Writes to
/// <c>output</c> only asynchronously (Kestrel refuses synchronous writes), flushes it and leaves it open.</summary>
public static class TableExport
{
    // Together the whole memory an export holds, whatever its length.
    private const int _rowsInFlight = 512;
    private const long _pipePauseBytes = 1L << 20;
    private const long _pipeResumeBytes = 1L << 19;
    private const int _csvFlushChars = 32 * 1024;

    private static readonly SearchValues<char> _needsQuoting = SearchValues.Create(",\"\r\n");
    private static readonly SearchValues<char> _formulaStart = SearchValues.Create("=+-@\t\r");
    private static readonly SearchValues<char> _invalidSheetName = SearchValues.Create(@":\/?*[]");

    /// <summary>CSV for Excel on Chinese Windows: UTF-8 with a BOM (without one Excel assumes GBK), CRLF, RFC 4180
    /// quoting, and would-be formulas defused with a leading apostrophe.</summary>
    public static async Task WriteCsvAsync<T>(
        Stream output,
        IReadOnlyList<(string Header, Func<T, string?> Value)> columns,
        IAsyncEnumerable<T> rows,
        CancellationToken ct)
    {
        Validate(output, columns, rows);

        // The BOM goes in as U+FEFF so it is written like any other text: asynchronously.
        var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var line = new StringBuilder(capacity: 256);
            line.Append('\uFEFF');
            for (var i = 0; i < columns.Count; i++)
            {
                AppendCsvField(line, columns[i].Header, separator: i > 0);
            }

            line.Append("\r\n");
            await foreach (var row in rows.WithCancellation(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    AppendCsvField(line, columns[i].Value(row), separator: i > 0);
                }

                line.Append("\r\n");
                if (line.Length >= _csvFlushChars)
                {
                    await writer.WriteAsync(line, ct).ConfigureAwait(false);
                    line.Clear();
                }
            }

            await writer.WriteAsync(line, ct).ConfigureAwait(false);
            await writer.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    // MiniExcel 1.46's SaveAsAsync writes files Excel calls damaged, so the synchronous writer runs on its own thread.
    /// <summary>XLSX with a frozen, filtered header row; every value is a text cell, so nothing is evaluated as a
    /// formula and identity numbers keep all digits.</summary>
    public static async Task WriteXlsxAsync<T>(
        Stream output,
        string sheetName,
        IReadOnlyList<(string Header, Func<T, string?> Value)> columns,
        IAsyncEnumerable<T> rows,
        CancellationToken ct)
    {
        Validate(output, columns, rows);
        ValidateSheetName(sheetName);

        var keys = columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"c{i}")).ToArray();
        var configuration = new OpenXmlConfiguration
        {
            // Keyed columns, because headers need not be unique but dictionary keys must.
            DynamicColumns = columns
                .Select((column, i) => new DynamicExcelColumn(keys[i]) { Name = column.Header, Width = ColumnWidth(column.Header) })
                .ToArray(),
        };

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<Dictionary<string, object?>>(new BoundedChannelOptions(_rowsInFlight)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: _pipePauseBytes,
            resumeWriterThreshold: _pipeResumeBytes,
            useSynchronizationContext: false));

        var write = Task.Factory.StartNew(
            () => WriteWorkbook(pipe.Writer, channel.Reader, sheetName, keys, configuration, cts),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        var copy = CopyAsync(pipe.Reader, output, cts);
        var produce = ProduceAsync(rows, columns, keys, channel.Writer, cts);

        try
        {
            await Task.WhenAll(produce, copy, write).ConfigureAwait(false);
        }
        catch (Exception)
        {
            ct.ThrowIfCancellationRequested();

            // Each failure cancels the other two; report the one that started it.
            var cause = new[] { produce, copy, write }
                .Where(task => task.IsFaulted)
                .Select(task => task.Exception!.InnerException!)
                .FirstOrDefault(exception => exception is not OperationCanceledException);
            if (cause is not null)
            {
                ExceptionDispatchInfo.Throw(cause);
            }

            throw;
        }
    }

    // A plain signed number such as -3 or +86 is never evaluated by Excel, so it keeps no apostrophe.
    internal static string? DefuseFormula(string? value)
    {
        if (string.IsNullOrEmpty(value) || !_formulaStart.Contains(value[0]) || IsPlainNumber(value))
        {
            return value;
        }

        return "'" + value;
    }

    private static bool IsPlainNumber(ReadOnlySpan<char> value)
    {
        if (value.Length > 0 && value[0] is '+' or '-')
        {
            value = value[1..];
        }

        var point = value.IndexOf('.');
        var whole = point < 0 ? value : value[..point];
        var fraction = point < 0 ? ReadOnlySpan<char>.Empty : value[(point + 1)..];
        return whole.Length + fraction.Length > 0
            && !whole.ContainsAnyExceptInRange('0', '9')
            && !fraction.ContainsAnyExceptInRange('0', '9');
    }

    private static void AppendCsvField(StringBuilder line, string? value, bool separator)
    {
        if (separator)
        {
            line.Append(',');
        }

        var text = DefuseFormula(value);
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        // Quoted also when white space leads or trails, which some readers would otherwise trim.
        if (text.AsSpan().ContainsAny(_needsQuoting) || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(text);
        }
    }

    private static async Task ProduceAsync<T>(
        IAsyncEnumerable<T> rows,
        IReadOnlyList<(string Header, Func<T, string?> Value)> columns,
        string[] keys,
        ChannelWriter<Dictionary<string, object?>> writer,
        CancellationTokenSource cts)
    {
        try
        {
            await foreach (var row in rows.WithCancellation(cts.Token).ConfigureAwait(false))
            {
                var cells = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
                for (var i = 0; i < keys.Length; i++)
                {
                    // Strings only: MiniExcel writes a string as a text cell, never as a formula or number.
                    cells[keys[i]] = columns[i].Value(row);
                }

                await writer.WriteAsync(cells, cts.Token).ConfigureAwait(false);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
            await cts.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void WriteWorkbook(
        PipeWriter pipe,
        ChannelReader<Dictionary<string, object?>> rows,
        string sheetName,
        string[] keys,
        OpenXmlConfiguration configuration,
        CancellationTokenSource cts)
    {
        try
        {
            using (var stream = pipe.AsStream(leaveOpen: true))
            {
                if (TryTake(rows, cts.Token, out var first))
                {
                    MiniExcel.SaveAs(stream, Drain(first, rows, cts.Token), printHeader: true, sheetName, ExcelType.XLSX, configuration);
                }
                else
                {
                    // MiniExcel writes no header for an empty sequence, but does for an empty table.
                    using var empty = new DataTable { Locale = CultureInfo.InvariantCulture };
                    foreach (var key in keys)
                    {
                        empty.Columns.Add(key, typeof(string));
                    }

                    MiniExcel.SaveAs(stream, empty, printHeader: true, sheetName, ExcelType.XLSX, configuration);
                }
            }

            pipe.Complete();
        }
        catch (Exception ex)
        {
            pipe.Complete(ex);
            cts.Cancel();
            throw;
        }
    }

    private static IEnumerable<Dictionary<string, object?>> Drain(
        Dictionary<string, object?> first,
        ChannelReader<Dictionary<string, object?>> rows,
        CancellationToken token)
    {
        yield return first;
        while (TryTake(rows, token, out var row))
        {
            yield return row;
        }
    }

    // Blocks the writer thread, which is its own (LongRunning), never a pool thread.
    private static bool TryTake(
        ChannelReader<Dictionary<string, object?>> rows,
        CancellationToken token,
        out Dictionary<string, object?> row)
    {
        while (true)
        {
            token.ThrowIfCancellationRequested();
            if (rows.TryRead(out row!))
            {
                return true;
            }

            var wait = rows.WaitToReadAsync(token);
            var more = wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
            if (!more)
            {
                row = null!;
                return false;
            }
        }
    }

    private static async Task CopyAsync(PipeReader reader, Stream output, CancellationTokenSource cts)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cts.Token).ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                {
                    await output.WriteAsync(segment, cts.Token).ConfigureAwait(false);
                }

                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }
            }

            await output.FlushAsync(cts.Token).ConfigureAwait(false);
            await reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Completing the reader releases a writer blocked on a full pipe.
            await reader.CompleteAsync(ex).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static void Validate<T>(Stream output, IReadOnlyList<(string Header, Func<T, string?> Value)> columns, IAsyncEnumerable<T> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (!output.CanWrite)
        {
            throw new ArgumentException("The output stream is not writable.", nameof(output));
        }

        if (columns.Count == 0)
        {
            throw new ArgumentException("An export needs at least one column.", nameof(columns));
        }

        foreach (var (header, value) in columns)
        {
            if (header is null || value is null)
            {
                throw new ArgumentException("Every column needs a header and a value function.", nameof(columns));
            }
        }
    }

    private static void ValidateSheetName(string sheetName)
    {
        // Excel's own rules; MiniExcel would write a name Excel then refuses to open.
        ArgumentException.ThrowIfNullOrWhiteSpace(sheetName);
        if (sheetName.Length > 31 || sheetName.AsSpan().ContainsAny(_invalidSheetName) || sheetName[0] == '\'' || sheetName[^1] == '\'')
        {
            throw new ArgumentException("A sheet name has at most 31 characters, none of : \\ / ? * [ ], and does not start or end with an apostrophe.", nameof(sheetName));
        }
    }

    // Excel widths are in characters of the default font; CJK characters take two.
    private static double ColumnWidth(string header)
    {
        var width = 0;
        foreach (var c in header)
        {
            width += c >= '\u1100' ? 2 : 1;
        }

        return Math.Clamp(width + 6, 12, 60);
    }
}
