using System.Text;
using Sylvan.Data.Csv;
using Yiwang.Kernel.UseCases;
using Yiwang.People.Localization;

namespace Yiwang.People.Intake.Files;

/// <summary>A CSV file as rows, through Sylvan's CsvDataReader over a strict decoder: one record at a time,
/// so memory stays flat whatever the file size.</summary>
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
                    new Text(typeof(PeopleText), "File.UnclosedQuote", unterminated.RowNumber),
                    ex);

            case CsvInvalidCharacterException invalid:
                return new IntakeFileException(
                    "corrupt",
                    new Text(typeof(PeopleText), "File.AfterQuote", invalid.RowNumber),
                    ex);

            case CsvRecordTooLargeException tooLarge:
                return new IntakeFileException(
                    "corrupt",
                    new Text(typeof(PeopleText), "File.RowTooLong", tooLarge.RowNumber),
                    ex);

            default:
                var format = (CsvFormatException)ex;
                return new IntakeFileException(
                    "corrupt",
                    new Text(typeof(PeopleText), "File.NotCsv", format.RowNumber),
                    ex);
        }
    }
}
