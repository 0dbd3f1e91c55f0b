using Yiwang.Kernel.Contracts.People;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;

namespace Yiwang.People.Intake.Validation;

/// <summary>The value rules shared by file intake and the manual-entry API, so a person accepted in one place is
/// accepted in the other. Loops rather than regular expressions: these run for every row of a
/// million-row file.</summary>
internal sealed partial class RecordValidator
{
    public const int NameMaxLength = 32;
    public const int AddressMaxLength = 200;
    public const int NoteMaxLength = 500;
    public const int KeyMaxLength = 64;
    public const int CommunityCodeLength = 12;

    // The same set FieldErrors.PlainText rejects with [<>\p{Cc}]: angle brackets and the C0/C1 controls.
    private static readonly SearchValues<char> _markupOrControl = SearchValues.Create(
        "<>\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F"
        + "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F");

    /// <summary>Free text that is safe to store and show: no markup, no control characters.</summary>
    public static bool IsPlainText(ReadOnlySpan<char> value) => !value.ContainsAny(_markupOrControl);

    /// <summary>
    /// A person's name as PeopleApi has always accepted it (<c>^[\p{IsCJKUnifiedIdeographs}A-Za-z·• ]{1,32}$</c>):
    /// 1-32 characters from the basic CJK block, ASCII letters, the middle dots used in transliterated
    /// minority and foreign names, and spaces.
    /// </summary>
    public static bool IsValidName(ReadOnlySpan<char> name) =>
        name.Length is >= 1 and <= NameMaxLength && HasOnlyNameCharacters(name);

    /// <summary>The character half of <see cref="IsValidName"/>, so length and content can be reported apart.</summary>
    public static bool HasOnlyNameCharacters(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(c is >= '\u4E00' and <= '\u9FFF' || char.IsAsciiLetter(c) || c is '·' or '•' or ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A mobile number (11 digits, 1[3-9]…; spaces and dashes dropped) or a Wuhan landline (027 and 7-8
    /// digits, kept as written since people read the separators back).</summary>
    public static bool TryNormalizePhone(string trimmed, [NotNullWhen(true)] out string? normalized)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        normalized = null;
        Span<char> digits = stackalloc char[12];
        var count = 0;
        foreach (var c in trimmed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c) || count == digits.Length)
            {
                return false;
            }

            digits[count++] = c;
        }

        var number = digits[..count];
        if (count == 11 && number[0] == '1' && number[1] is >= '3' and <= '9')
        {
            normalized = count == trimmed.Length ? trimmed : new string(number);
            return true;
        }

        // Local numbers never start with 0 or 1: those are trunk and service prefixes.
        if (count is 10 or 11 && number.StartsWith("027") && number[3] is >= '2' and <= '9')
        {
            normalized = trimmed;
            return true;
        }

        return false;
    }

    /// <summary>yyyy-MM-dd (or yyyy-M-d), yyyy/M/d, yyyyMMdd or yyyy年M月d日, as spreadsheets and forms write dates.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> value, out DateOnly date)
    {
        date = default;
        if (value.Length < 8 || !TryReadNumber(value[..4], out var year))
        {
            return false;
        }

        int month, day;
        var rest = value[4..];
        if (rest.Length == 4 && TryReadNumber(rest[..2], out month) && TryReadNumber(rest[2..], out day))
        {
            // yyyyMMdd
        }
        else if (rest[0] is '-' or '/')
        {
            var separator = rest[0];
            rest = rest[1..];
            var at = rest.IndexOf(separator);
            if (at < 0 || !TryReadShort(rest[..at], out month) || !TryReadShort(rest[(at + 1)..], out day))
            {
                return false;
            }
        }
        else if (rest[0] == '年' && rest[^1] == '日')
        {
            rest = rest[1..^1];
            var at = rest.IndexOf('月');
            if (at < 0 || !TryReadShort(rest[..at], out month) || !TryReadShort(rest[(at + 1)..], out day))
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>男/女, M/F, male/female, or the GB/T 2261.1 codes 1 and 2.</summary>
    public static bool TryParseSex(ReadOnlySpan<char> value, out Sex sex)
    {
        if (value is "男" or "1" || value.Equals("M", StringComparison.OrdinalIgnoreCase)
            || value.Equals("male", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Male;
            return true;
        }

        if (value is "女" or "2" || value.Equals("F", StringComparison.OrdinalIgnoreCase)
            || value.Equals("female", StringComparison.OrdinalIgnoreCase))
        {
            sex = Sex.Female;
            return true;
        }

        sex = default;
        return false;
    }

    /// <summary>Relation to the household head in the words sources use, the enum names the generator writes, or
    /// two-digit GB/T 4761 codes. Anything else is <see cref="HouseholdRelation.Other"/>: a relation nobody
    /// foresaw is no reason to lose a registered person.</summary>
    public static HouseholdRelation ParseRelation(ReadOnlySpan<char> value)
    {
        if (value.Length == 2 && char.IsAsciiDigit(value[0]) && char.IsAsciiDigit(value[1]))
        {
            // GB/T 4761 groups by the tens digit: 0x self/head, 1x spouse, 2x son, 3x daughter, 4x grandchild, 5x parent.
            return value[0] switch
            {
                '0' when value[1] is '1' or '2' => HouseholdRelation.Head,
                '1' => HouseholdRelation.Spouse,
                '2' or '3' => HouseholdRelation.Child,
                '4' => HouseholdRelation.Grandchild,
                '5' => HouseholdRelation.Parent,
                _ => HouseholdRelation.Other,
            };
        }

        return value switch
        {
            "户主" or "本人" => HouseholdRelation.Head,
            "配偶" or "妻" or "夫" or "妻子" or "丈夫" => HouseholdRelation.Spouse,
            "子" or "女" or "儿子" or "女儿" or "长子" or "次子" or "长女" or "次女" or "养子" or "养女" => HouseholdRelation.Child,
            "父亲" or "母亲" or "父母" or "父" or "母" => HouseholdRelation.Parent,
            "孙子" or "孙女" or "外孙子" or "外孙女" => HouseholdRelation.Grandchild,
            _ when Is(value, "head") => HouseholdRelation.Head,
            _ when Is(value, "spouse") => HouseholdRelation.Spouse,
            _ when Is(value, "child") => HouseholdRelation.Child,
            _ when Is(value, "parent") => HouseholdRelation.Parent,
            _ when Is(value, "grandchild") => HouseholdRelation.Grandchild,
            _ => HouseholdRelation.Other,
        };
    }

    /// <summary>The flag a category names, if that flag belongs to the record type.</summary>
    public static bool TryParseCategory(RecordType type, ReadOnlySpan<char> value, out PersonFlagKind flag)
    {
        PersonFlagKind? parsed = type switch
        {
            RecordType.CaseReport => value switch
            {
                "确诊" or "确诊病例" => PersonFlagKind.ConfirmedCase,
                "疑似" or "疑似病例" => PersonFlagKind.SuspectedCase,
                "密接" or "密切接触者" => PersonFlagKind.CloseContact,
                _ when Is(value, "confirmed") || Is(value, nameof(PersonFlagKind.ConfirmedCase)) => PersonFlagKind.ConfirmedCase,
                _ when Is(value, "suspected") || Is(value, nameof(PersonFlagKind.SuspectedCase)) => PersonFlagKind.SuspectedCase,
                _ when Is(value, "close_contact") || Is(value, nameof(PersonFlagKind.CloseContact)) => PersonFlagKind.CloseContact,
                _ => null,
            },
            RecordType.CivilAffairsList => value switch
            {
                "独居老人" => PersonFlagKind.ElderlyAlone,
                "残疾人" or "残疾" => PersonFlagKind.Disabled,
                "低保" or "低收入" => PersonFlagKind.LowIncome,
                _ when Is(value, "elderly_alone") || Is(value, "elderly") || Is(value, nameof(PersonFlagKind.ElderlyAlone)) =>
                    PersonFlagKind.ElderlyAlone,
                _ when Is(value, "disabled") => PersonFlagKind.Disabled,
                _ when Is(value, "low_income") || Is(value, nameof(PersonFlagKind.LowIncome)) => PersonFlagKind.LowIncome,
                _ => null,
            },
            RecordType.FeverClinicVisit => PersonFlagKind.FeverPatient,
            _ => null,
        };

        flag = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    /// <summary>是/否, 有效/无效, 1/0, true/false, Y/N, active/closed.</summary>
    public static bool TryParseActive(ReadOnlySpan<char> value, out bool active)
    {
        if (value is "是" or "有效" or "1" || Is(value, "true") || Is(value, "Y") || Is(value, "active"))
        {
            active = true;
            return true;
        }

        if (value is "否" or "无效" or "0" || Is(value, "false") || Is(value, "N") || Is(value, "closed"))
        {
            active = false;
            return true;
        }

        active = default;
        return false;
    }

    /// <summary>Twelve ASCII digits: 6 county, 3 street, 3 community (GB/T 10114 and the NBS codes).</summary>
    public static bool IsCommunityCodeFormat(ReadOnlySpan<char> value) =>
        value.Length == CommunityCodeLength && !value.ContainsAnyExceptInRange('0', '9');

    /// <summary>中文字段名, for messages and the mapping screen.</summary>
    public static string FieldLabelZh(IntakeField field) => field switch
    {
        IntakeField.SourceRecordId => "记录编号",
        IntakeField.IdNumber => "身份证号",
        IntakeField.Name => "姓名",
        IntakeField.Sex => "性别",
        IntakeField.BirthDate => "出生日期",
        IntakeField.Phone => "联系电话",
        IntakeField.Address => "住址",
        IntakeField.CommunityCode => "社区/村代码",
        IntakeField.HouseholdKey => "户号",
        IntakeField.Relation => "与户主关系",
        IntakeField.Category => "类别",
        IntakeField.EventDate => "日期",
        IntakeField.Active => "是否有效",
        IntakeField.Note => "备注",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown intake field."),
    };

    public static string FieldLabelEn(IntakeField field) => field switch
    {
        IntakeField.SourceRecordId => "source record id",
        IntakeField.IdNumber => "identity number",
        IntakeField.Name => "name",
        IntakeField.Sex => "sex",
        IntakeField.BirthDate => "birth date",
        IntakeField.Phone => "phone",
        IntakeField.Address => "address",
        IntakeField.CommunityCode => "community code",
        IntakeField.HouseholdKey => "household key",
        IntakeField.Relation => "relation to head",
        IntakeField.Category => "category",
        IntakeField.EventDate => "date",
        IntakeField.Active => "active",
        IntakeField.Note => "note",
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown intake field."),
    };

    private static bool Is(ReadOnlySpan<char> value, string token) => value.Equals(token, StringComparison.OrdinalIgnoreCase);

    private static bool TryReadNumber(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return digits.Length > 0;
    }

    private static bool TryReadShort(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        return digits.Length is 1 or 2 && TryReadNumber(digits, out value);
    }
}
