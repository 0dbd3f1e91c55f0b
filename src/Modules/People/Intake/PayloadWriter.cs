using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Yiwang.People.Intake;

/// <summary>
/// The stored form of a normalised record (<c>source_records.payload</c>, kept in <c>source_record_versions</c> when
/// replaced) and its content hash. A JSON array in a fixed order, without property names — about half the bytes
/// of a JSON object, and the payload is a third of everything an import writes:
/// <c>[1, sourceRecordId, idNumber, name, sex, birthDate, phone, address, communityCode, householdKey, relation,
/// flag, flagActive, eventDate, note]</c>. The leading 1 is the format; enums are their names, dates ISO 8601;
/// elements missing at the end are null (flagActive: false). Chinese stays readable (3 bytes, not 6): the payload
/// is never embedded in HTML. The hash is SHA-256 of exactly these UTF-8 bytes (first 16 bytes, hex), so equal
/// content gives an equal hash and the row number never counts. One writer per thread: it reuses its buffer.
/// </summary>
internal sealed class PayloadWriter : IDisposable
{
    public const int Format = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly ArrayBufferWriter<byte> _buffer = new(512);
    private readonly Utf8JsonWriter _json;
    private readonly string?[] _values = new string?[14];

    public PayloadWriter() => _json = new Utf8JsonWriter(_buffer, Options);

    public void Dispose() => _json.Dispose();

    public (string Payload, string Hash) Write(IntakeRecord r)
    {
        var v = _values;
        v[0] = r.SourceRecordId;
        v[1] = r.IdNumber;
        v[2] = r.Name;
        v[3] = r.Sex?.ToString();
        v[4] = Date(r.BirthDate);
        v[5] = r.Phone;
        v[6] = r.Address;
        v[7] = r.CommunityCode;
        v[8] = r.HouseholdKey;
        v[9] = r.Relation?.ToString();
        v[10] = r.Flag?.ToString();
        v[11] = r.FlagActive ? "true" : null;
        v[12] = Date(r.EventDate);
        v[13] = r.Note;
        var last = v.Length - 1;
        while (last >= 0 && v[last] is null)
        {
            last--;
        }

        _buffer.ResetWrittenCount();
        _json.Reset();
        _json.WriteStartArray();
        _json.WriteNumberValue(Format);
        for (var i = 0; i <= last; i++)
        {
            if (i == 11)
            {
                _json.WriteBooleanValue(v[i] is not null);
            }
            else if (v[i] is null)
            {
                _json.WriteNullValue();
            }
            else
            {
                _json.WriteStringValue(v[i]);
            }
        }

        _json.WriteEndArray();
        _json.Flush();
        var bytes = _buffer.WrittenSpan;
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return (Encoding.UTF8.GetString(bytes), Convert.ToHexStringLower(digest[..16]));
    }

    private static string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
