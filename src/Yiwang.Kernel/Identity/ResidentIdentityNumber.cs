using Yiwang.Kernel.UseCases;
namespace Yiwang.Kernel.Identity;

/// <summary>The 18-character identity number of GB 11643-1999: region code, yyyyMMdd birth date, sequence (odd for men,
/// even for women) and an ISO 7064 MOD 11-2 check character.</summary>
public static class ResidentIdentityNumber
{
    public const int Length = 18;

    private const string _checkCharacters = "10X98765432";

    // Nobody alive was born earlier, and the 15-digit numbers these replaced implied 19xx.
    private static readonly DateOnly _earliestBirthDate = new(1900, 1, 1);

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Tolerates surrounding whitespace and a lower-case x; <paramref name="today"/> is the date in China.</summary>
    public static IdNumberCheck Validate(string? value, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Fail(IdNumberError.Missing);
        }

        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length != Length)
        {
            return Fail(IdNumberError.WrongLength);
        }

        Span<char> number = stackalloc char[Length];
        trimmed.CopyTo(number);
        if (number[17] == 'x')
        {
            number[17] = 'X';
        }

        if (!char.IsAsciiDigit(number[17]) && number[17] != 'X')
        {
            return Fail(IdNumberError.BadCharacters);
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(number[i]))
            {
                return Fail(IdNumberError.BadCharacters);
            }
        }

        // Sequence 000 is never issued, so it can only be a typing or forging error.
        if (number[14] == '0' && number[15] == '0' && number[16] == '0')
        {
            return Fail(IdNumberError.BadCharacters);
        }

        // Region codes start with the macro-region digit 1-8, which also rules out 000000.
        if (number[0] is < '1' or > '8')
        {
            return Fail(IdNumberError.BadRegion);
        }

        if (!TryReadBirthDate(number.Slice(6, 8), out var birthDate) || birthDate < _earliestBirthDate)
        {
            return Fail(IdNumberError.BadBirthDate);
        }

        if (birthDate > today)
        {
            return Fail(IdNumberError.FutureBirthDate);
        }

        if (ComputeCheckCharacter(number[..17]) != number[17])
        {
            return Fail(IdNumberError.BadCheckCharacter);
        }

        return new IdNumberCheck(IdNumberError.None, new string(number), birthDate, SexFromSequenceDigit(number[16]));
    }

    public static Text Explain(IdNumberError error) => Enum.IsDefined(error)
        ? new Text(typeof(Localization.UiText), "IdNumber." + error)
        : throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown identity number error.");

    public static string Describe(IdNumberError error) => Explain(error).Bilingual();

    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("Exactly 17 digits are needed.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var c = first17[i];
            if (!char.IsAsciiDigit(c))
            {
                throw new ArgumentException("Only ASCII digits are allowed.", nameof(first17));
            }

            sum += (c - '0') * Weights[i];
        }

        return _checkCharacters[sum % 11];
    }

    /// <summary>A valid number for synthetic data or tests; <paramref name="sequence"/> is 1-999, odd for a man.</summary>
    public static string Create(string regionCode, DateOnly birthDate, int sequence)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        if (regionCode.Length != 6 || regionCode.AsSpan().ContainsAnyExceptInRange('0', '9') || regionCode[0] is < '1' or > '8')
        {
            throw new ArgumentException("A region code is six digits starting with 1-8.", nameof(regionCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(birthDate, _earliestBirthDate);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999);

        return string.Create(Length, (regionCode, birthDate, sequence), static (span, state) =>
        {
            state.regionCode.AsSpan().CopyTo(span);
            WriteDigits(span.Slice(6, 4), state.birthDate.Year);
            WriteDigits(span.Slice(10, 2), state.birthDate.Month);
            WriteDigits(span.Slice(12, 2), state.birthDate.Day);
            WriteDigits(span.Slice(14, 3), state.sequence);
            span[17] = ComputeCheckCharacter(span[..17]);
        });
    }

    /// <summary>Only for a number that has already passed <see cref="Validate"/>.</summary>
    public static Sex SexOf(string valid)
    {
        ArgumentNullException.ThrowIfNull(valid);
        if (valid.Length != Length || !char.IsAsciiDigit(valid[16]))
        {
            throw new ArgumentException("Not a validated 18-character identity number.", nameof(valid));
        }

        return SexFromSequenceDigit(valid[16]);
    }

    private static Sex SexFromSequenceDigit(char digit) => (digit - '0') % 2 == 1 ? Sex.Male : Sex.Female;

    private static bool TryReadBirthDate(ReadOnlySpan<char> yyyyMMdd, out DateOnly birthDate)
    {
        var year = ReadDigits(yyyyMMdd[..4]);
        var month = ReadDigits(yyyyMMdd.Slice(4, 2));
        var day = ReadDigits(yyyyMMdd.Slice(6, 2));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            birthDate = default;
            return false;
        }

        birthDate = new DateOnly(year, month, day);
        return true;
    }

    private static int ReadDigits(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }

    private static IdNumberCheck Fail(IdNumberError error) => new(error, null, null, null);
}
