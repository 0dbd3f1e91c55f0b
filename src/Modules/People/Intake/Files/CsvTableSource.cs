using System.Text;
using Sylvan.Data.Csv;

namespace Yiwang.People.Intake.Files;

/// <summary>
/// A CSV file as rows, through Sylvan's CsvDataReader over a strict decoder: one record at a time,
/// so memory stays flat whatever the file size.
/// </summary>
internal sealed class CsvTableSource : ITableSource
{
    // A record must fit Sylvan's buffer. A million characters is far beyond any real row; hitting it
    // nearly always means a quote that never closes and swallows the rest of the file.
    private const int _bufferSize = 64 * 1024;
    private const int _maxRecordChars = 1024 * 1024;

    private readonly CsvDataReader _reader;

    private CsvTableSource(CsvDataReader reader, DetectedEncoding encoding)
    {
        _reader = reader;
        Encoding = encoding;
    }

    public DetectedEncoding Encoding { get; }

    public long RowNumber => _reader.RowNumber;

    public int CellCount => _reader.RowFieldCount;

    /// <summary>Detects the encoding and opens the reader at the first byte after any BOM.</summary>
    public static CsvTableSource Open(Stream stream)
    {
        var encoding = CsvEncoding.Detect(stream);
        stream.Position = encoding.PreambleLength;
        var text = new StreamReader(stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, _bufferSize, leaveOpen: true);
        var options = new CsvDataReaderOptions
        {
            // The header is ours to find (it may follow blank or title rows), not Sylvan's.
            HasHeaders = false,
            BufferSize = _bufferSize,
            MaxBufferSize = _maxRecordChars,
            OwnsReader = true,
        };

        try
        {
            // Create already fills the first buffer, so decoding can fail here too.
            return new CsvTableSource(CsvDataReader.Create(text, options), encoding);
        }
        catch (Exception ex) when (ex is DecoderFallbackException or CsvFormatException)
        {
            text.Dispose();
            throw Translate(ex, nearRow: 1);
        }
    }

    public bool Read()
    {
        try
        {
            return _reader.Read();
        }
        catch (Exception ex) when (ex is DecoderFallbackException or CsvFormatException)
        {
            throw Translate(ex, nearRow: _reader.RowNumber + 1);
        }
    }

    public string? GetText(int column, bool dateOnly)
    {
        if (column >= _reader.RowFieldCount)
        {
            return null;
        }

        var text = _reader.GetFieldSpan(column).Trim();
        return text.IsEmpty ? null : new string(text);
    }

    public bool IsBlank(int width)
    {
        var cells = Math.Min(width, _reader.RowFieldCount);
        for (var i = 0; i < cells; i++)
        {
            if (!_reader.GetFieldSpan(i).IsWhiteSpace())
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose() => _reader.Dispose();

    private static IntakeFileException Translate(Exception ex, long nearRow)
    {
        switch (ex)
        {
            case DecoderFallbackException:
                return CsvEncoding.BadEncoding(ex, nearRow);

            // Sylvan reports the quote itself as the offending character when input ends inside quotes.
            case CsvInvalidCharacterException { InvalidCharacter: '"' } unterminated:
                return new IntakeFileException(
                    "truncated",
                    $"第 {unterminated.RowNumber} 行的引号没有闭合，文件可能不完整（上传中断或导出未完成）。请重新导出后上传。",
                    $"Row {unterminated.RowNumber} opens a quote that never closes; the file looks cut off (interrupted upload or export). Export it again and upload.",
                    ex);

            case CsvInvalidCharacterException invalid:
                return new IntakeFileException(
                    "corrupt",
                    $"第 {invalid.RowNumber} 行格式错误：引号结束后紧跟了多余的字符。请检查该行的引号。",
                    $"Row {invalid.RowNumber} is malformed: characters follow a closing quote. Check the quotes in that row.",
                    ex);

            case CsvRecordTooLargeException tooLarge:
                return new IntakeFileException(
                    "corrupt",
                    $"第 {tooLarge.RowNumber} 行过长（超过一百万个字符），通常是某个引号没有闭合。",
                    $"Row {tooLarge.RowNumber} is longer than a million characters, which usually means a quote that never closes.",
                    ex);

            default:
                var format = (CsvFormatException)ex;
                return new IntakeFileException(
                    "corrupt",
                    $"第 {format.RowNumber} 行不是有效的 CSV。",
                    $"Row {format.RowNumber} is not valid CSV.",
                    ex);
        }
    }
}
