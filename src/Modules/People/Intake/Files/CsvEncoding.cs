using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Yiwang.Kernel.UseCases;
using Yiwang.People.Localization;

namespace Yiwang.People.Intake.Files;

/// <summary>The text encoding of a CSV upload, and where its text starts.</summary>
internal sealed record DetectedEncoding(Encoding Encoding, int PreambleLength, string Name);

/// <summary>Tells UTF-8 from GB18030/GBK, the two encodings CSV files reach us in: Excel on Chinese Windows
/// saves "CSV (逗号分隔)" in GBK, "CSV UTF-8" with a BOM, and other systems write UTF-8 without one.</summary>
internal static class CsvEncoding
{
    /// <summary>How much non-ASCII text decides the encoding.</summary>
    public const int SampleSize = 64 * 1024;

    // An all-ASCII prefix says nothing about the encoding, so look past it, but not forever:
    // a file whose first 16 MB are ASCII is read as UTF-8 and any later GBK byte is reported then.
    private const long _maxAsciiScan = 16L * 1024 * 1024;

    private static readonly byte[] _utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly byte[] _gb18030Bom = [0x84, 0x31, 0x95, 0x33];

    private static readonly Lazy<Encoding> _gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Encoding StrictGb18030 => _gb18030.Value;

    /// <summary>Decides from the first <see cref="SampleSize"/> bytes of non-ASCII text: strict UTF-8 if they
    /// validate, else GB18030 if they decode cleanly. Leaves the stream position unspecified.</summary>
    public static DetectedEncoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(SampleSize);
        var chars = ArrayPool<char>.Shared.Rent(SampleSize);
        try
        {
            stream.Position = 0;
            var head = buffer.AsSpan(0, stream.ReadAtLeast(buffer.AsSpan(0, 4), 4, throwOnEndOfStream: false));
            if (head.StartsWith(_utf8Bom))
            {
                return new DetectedEncoding(StrictUtf8, _utf8Bom.Length, "UTF-8 (BOM)");
            }

            if (head.StartsWith(_gb18030Bom))
            {
                return new DetectedEncoding(StrictGb18030, _gb18030Bom.Length, "GB18030");
            }

            var (sample, isFinal) = ReadNonAsciiSample(stream, buffer);
            if (sample.IsEmpty || IsUtf8(sample, chars, isFinal))
            {
                return new DetectedEncoding(StrictUtf8, 0, "UTF-8");
            }

            if (IsGb18030(sample, chars, isFinal))
            {
                return new DetectedEncoding(StrictGb18030, 0, "GB18030");
            }

            throw BadEncoding(innerException: null);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static IntakeFileException BadEncoding(Exception? innerException, long? nearRow = null)
        => new("bad-encoding", nearRow is { } row ? new Text(typeof(PeopleText), "File.BadEncodingNear", row) : new Text(typeof(PeopleText), "File.BadEncoding"), innerException);

    /// <summary>Up to <see cref="SampleSize"/> bytes starting at the first non-ASCII byte (a character
    /// boundary in both encodings, since everything before it is single-byte ASCII).</summary>
    private static (ReadOnlyMemory<byte> Sample, bool IsFinal) ReadNonAsciiSample(Stream stream, byte[] buffer)
    {
        long offset = 0;
        while (offset < _maxAsciiScan)
        {
            stream.Position = offset;
            var read = stream.ReadAtLeast(buffer.AsSpan(0, SampleSize), SampleSize, throwOnEndOfStream: false);
            var firstNonAscii = buffer.AsSpan(0, read).IndexOfAnyExceptInRange((byte)0x00, (byte)0x7F);
            if (firstNonAscii < 0)
            {
                if (read < SampleSize)
                {
                    return (ReadOnlyMemory<byte>.Empty, true);
                }

                offset += read;
                continue;
            }

            if (firstNonAscii > 0)
            {
                stream.Position = offset + firstNonAscii;
                read = stream.ReadAtLeast(buffer.AsSpan(0, SampleSize), SampleSize, throwOnEndOfStream: false);
            }

            return (buffer.AsMemory(0, read), read < SampleSize);
        }

        return (ReadOnlyMemory<byte>.Empty, false);
    }

    private static bool IsUtf8(ReadOnlyMemory<byte> sample, char[] chars, bool isFinal)
    {
        // Not final: the sample may end inside a character, which is NeedMoreData, not invalid.
        var status = Utf8.ToUtf16(sample.Span, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: isFinal);
        return status is OperationStatus.Done or OperationStatus.NeedMoreData;
    }

    private static bool IsGb18030(ReadOnlyMemory<byte> sample, char[] chars, bool isFinal)
    {
        var decoder = StrictGb18030.GetDecoder();
        try
        {
            // flush: false keeps a character cut by the end of the sample pending instead of failing it.
            decoder.Convert(sample.Span, chars, flush: isFinal, out _, out _, out _);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
