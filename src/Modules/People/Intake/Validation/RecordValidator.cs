using Yiwang.Kernel.Contracts.People;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;

namespace Yiwang.People.Intake.Validation;

/// <summary>Checks intake rows against the rules of one record type and turns clean rows into normalised
/// <see cref="IntakeRecord"/>s. Every problem of a row is reported at once, so a source fixes a row in
/// one round instead of one error per upload. One instance per file or batch: it owns the
/// <see cref="DuplicateTracker"/> that spots rows repeated within that batch.</summary>
internal sealed partial class RecordValidator
{
    // The epidemic began in Wuhan in December 2019; an earlier case or fever visit is a typo.
    private static readonly DateOnly _earliestEpidemicDate = new(2019, 12, 1);

    // Identity numbers cannot express earlier births, so neither may a birth date given without one.
    private static readonly DateOnly _earliestBirthDate = new(1900, 1, 1);

    private static readonly string[] _camelCaseNames =
        Enum.GetValues<IntakeField>().Select(f => JsonNamingPolicy.CamelCase.ConvertName(f.ToString())).ToArray();

    private readonly RecordType _type;
    private readonly DateOnly _today;
    private readonly Func<string, bool> _isKnownCommunity;
    private readonly Func<string, bool> _isInScope;
    private readonly bool _registersPersons;
    private readonly DateOnly _earliestEventDate;

    public RecordValidator(
        RecordType type, DateOnly today, Func<string, bool> isKnownCommunity, Func<string, bool> isInScope, int expectedRows = 0)
    {
        ArgumentNullException.ThrowIfNull(isKnownCommunity);
        ArgumentNullException.ThrowIfNull(isInScope);
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown record type.");
        }

        _type = type;
        _today = today;
        _isKnownCommunity = isKnownCommunity;
        _isInScope = isInScope;
        _registersPersons = type is RecordType.HouseholdRegistration or RecordType.ManualEntry;

        // A civil-affairs list date is when someone was put on the list, which may be years before 2019.
        _earliestEventDate = type == RecordType.CivilAffairsList ? _earliestBirthDate : _earliestEpidemicDate;
        ArgumentOutOfRangeException.ThrowIfNegative(expectedRows);
        Duplicates = new DuplicateTracker(expectedRows, _registersPersons ? expectedRows : 0);
    }

    public DuplicateTracker Duplicates { get; }

    /// <summary>The field name rejections carry, as the JSON API spells it.</summary>
    public static string FieldName(IntakeField field) => _camelCaseNames[(int)field];

    /// <summary>Checks one row. Appends every problem found to <paramref name="rejections"/> and returns false, or
    /// returns true with the normalised record. An accepted row claims its record id (and, for person
    /// registers, its identity number) so that later repeats in the batch are rejected; a rejected row
    /// claims nothing, so a corrected copy further down the file is still taken.</summary>
    public bool TryValidate(RawRow row, List<Rejection> rejections, [NotNullWhen(true)] out IntakeRecord? record)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(rejections);
        if (row.Values.Length != RawRow.FieldCount)
        {
            throw new ArgumentException($"A row needs {RawRow.FieldCount} values, one per intake field.", nameof(row));
        }

        var problems = new Problems(row.RowNumber, rejections, rejections.Count);

        var sourceRecordId = Text(problems, row, IntakeField.SourceRecordId, KeyMaxLength, required: true);
        var name = Name(problems, row);
        var id = IdNumber(problems, row);
        var (sex, birthDate) = SexAndBirthDate(problems, row, id);
        var phone = Phone(problems, row);
        var address = Text(problems, row, IntakeField.Address, AddressMaxLength, required: _registersPersons);
        var communityCode = CommunityCode(problems, row);
        string? householdKey = null;
        HouseholdRelation? relation = null;
        if (_registersPersons)
        {
            householdKey = Text(problems, row, IntakeField.HouseholdKey, KeyMaxLength, required: false);
            relation = Value(row, IntakeField.Relation) is { } r ? ParseRelation(r) : null;
        }

        var flag = Flag(problems, row);
        var eventDate = _registersPersons ? null : EventDate(problems, row);
        var active = Active(problems, row);
        var note = Text(problems, row, IntakeField.Note, NoteMaxLength, required: false);

        if ((_type is RecordType.CaseReport or RecordType.FeverClinicVisit) && Value(row, IntakeField.IdNumber) is null
            && Value(row, IntakeField.Phone) is null && Value(row, IntakeField.BirthDate) is null)
        {
            problems.Add(
                IntakeField.IdNumber, "not-identifiable",
                "未填写身份证号时，须填写联系电话或出生日期以便核实身份",
                "Without an identity number, a phone number or birth date is needed to identify the person");
        }

        var recordIdKey = sourceRecordId is null ? 0 : DuplicateTracker.RecordIdKey(sourceRecordId);
        var idNumber = id?.Normalized;
        if (idNumber is not null && Value(row, IntakeField.IdNumber) is { } given && string.Equals(idNumber, given, StringComparison.Ordinal))
        {
            // Keep the source's own string when it was already normal, so the copy Validate made dies young
            // instead of living as long as the record.
            idNumber = given;
        }

        CheckDuplicates(problems, recordIdKey, idNumber);

        if (problems.Any)
        {
            record = null;
            return false;
        }

        Duplicates.Claim(recordIdKey, _registersPersons ? idNumber : null, row.RowNumber);
        record = new IntakeRecord(
            row.RowNumber, sourceRecordId!, idNumber, name!, sex, birthDate, phone, address, communityCode,
            householdKey, relation, flag, active, eventDate, note);
        return true;
    }

    private void CheckDuplicates(Problems problems, long recordIdKey, string? normalizedId)
    {
        long recordFirstRow = 0;
        var recordRepeated = recordIdKey != 0 && Duplicates.TryFindRecordId(recordIdKey, out recordFirstRow);
        if (recordRepeated)
        {
            problems.Add(
                IntakeField.SourceRecordId, "duplicate-in-file",
                Invariant($"记录编号与第 {recordFirstRow} 行重复"),
                Invariant($"The same source record id appears in row {recordFirstRow}"));
        }

        // The same number under the same record id is a resend of that record, already reported above.
        if (_registersPersons && normalizedId is not null && Duplicates.TryFindIdNumber(normalizedId, out var idFirstRow)
            && !(recordRepeated && idFirstRow == recordFirstRow))
        {
            problems.Add(
                IntakeField.IdNumber, "duplicate-in-file",
                Invariant($"身份证号与第 {idFirstRow} 行重复"),
                Invariant($"The same identity number appears in row {idFirstRow}"));
        }
    }

    private IdNumberCheck? IdNumber(Problems problems, RawRow row)
    {
        var value = Value(row, IntakeField.IdNumber);
        if (value is null)
        {
            if (_type != RecordType.CaseReport && _type != RecordType.FeverClinicVisit)
            {
                problems.Missing(IntakeField.IdNumber);
            }

            return null;
        }

        var check = ResidentIdentityNumber.Validate(value, _today);
        if (check.IsValid)
        {
            return check;
        }

        var code = check.Error switch
        {
            IdNumberError.WrongLength => "bad-id-length",
            IdNumberError.BadCharacters => "bad-id-characters",
            IdNumberError.BadRegion => "bad-id-region",
            IdNumberError.BadBirthDate => "bad-id-date",
            IdNumberError.FutureBirthDate => "future-birth-date",
            IdNumberError.BadCheckCharacter => "bad-check-character",
            _ => "missing",
        };
        var text = ResidentIdentityNumber.Describe(check.Error);
        var split = text.IndexOf(" / ", StringComparison.Ordinal);
        problems.Add(IntakeField.IdNumber, code, split < 0 ? text : text[..split], split < 0 ? text : text[(split + 3)..]);
        return null;
    }

    private static string? Name(Problems problems, RawRow row)
    {
        var value = Value(row, IntakeField.Name);
        if (value is null)
        {
            problems.Missing(IntakeField.Name);
            return null;
        }

        if (value.Length > NameMaxLength)
        {
            problems.Add(
                IntakeField.Name, "bad-name",
                Invariant($"姓名不能超过 {NameMaxLength} 个字符"), Invariant($"A name has at most {NameMaxLength} characters"));
        }

        if (!HasOnlyNameCharacters(value))
        {
            problems.Add(
                IntakeField.Name, "bad-name",
                "姓名只能包含汉字、字母、间隔号和空格", "A name may contain only Chinese characters, letters, middle dots and spaces");
        }

        return value;
    }

    // With a valid identity number the number is authoritative and the columns only have to agree with it;
    // without one, the columns are all there is.
    private (Sex? Sex, DateOnly? BirthDate) SexAndBirthDate(Problems problems, RawRow row, IdNumberCheck? id)
    {
        Sex? sex = null;
        if (Value(row, IntakeField.Sex) is { } sexText)
        {
            if (TryParseSex(sexText, out var parsed))
            {
                sex = parsed;
            }
            else
            {
                problems.Add(IntakeField.Sex, "bad-sex", "性别应为 男/女、M/F 或 1/2", "Sex must be 男/女, M/F, male/female or 1/2");
            }
        }

        DateOnly? birthDate = null;
        if (Value(row, IntakeField.BirthDate) is { } birthText)
        {
            if (!TryParseDate(birthText, out var parsed))
            {
                BadDate(problems, IntakeField.BirthDate);
            }
            else if (parsed > _today)
            {
                problems.Add(IntakeField.BirthDate, "future-birth-date", "出生日期晚于今天", "The birth date is in the future");
            }
            else if (parsed < _earliestBirthDate)
            {
                problems.Add(IntakeField.BirthDate, "date-too-old", "出生日期早于 1900-01-01", "The birth date is before 1900-01-01");
            }
            else
            {
                birthDate = parsed;
            }
        }

        if (id is null)
        {
            return (sex, birthDate);
        }

        if (sex is { } s && s != id.Sex)
        {
            problems.Add(IntakeField.Sex, "id-mismatch-sex", "性别与身份证号不一致", "The sex does not match the identity number");
        }

        if (birthDate is { } b && b != id.BirthDate)
        {
            problems.Add(
                IntakeField.BirthDate, "id-mismatch-birth-date", "出生日期与身份证号不一致", "The birth date does not match the identity number");
        }

        return (id.Sex, id.BirthDate);
    }

    private static string? Phone(Problems problems, RawRow row)
    {
        if (Value(row, IntakeField.Phone) is not { } value)
        {
            return null;
        }

        if (TryNormalizePhone(value, out var phone))
        {
            return phone;
        }

        problems.Add(
            IntakeField.Phone, "bad-phone",
            "联系电话应为以 1 开头的 11 位手机号，或武汉固定电话（027 加 7–8 位号码）",
            "A phone number is an 11-digit mobile number starting with 1, or a Wuhan landline: 027 and 7-8 digits");
        return null;
    }

    private string? CommunityCode(Problems problems, RawRow row)
    {
        var value = Value(row, IntakeField.CommunityCode);
        if (value is null)
        {
            if (_registersPersons || _type == RecordType.CivilAffairsList)
            {
                problems.Missing(IntakeField.CommunityCode);
            }

            return null;
        }

        // Only a well-formed code is echoed back: anything else could be markup or someone's personal data.
        if (!IsCommunityCodeFormat(value))
        {
            problems.Add(IntakeField.CommunityCode, "bad-community-code", "社区/村代码应为 12 位数字", "A community code has 12 digits");
        }
        else if (!_isKnownCommunity(value))
        {
            problems.Add(IntakeField.CommunityCode, "unknown-community", $"未知的社区/村代码：{value}", $"Unknown community code {value}");
        }
        else if (!_isInScope(value))
        {
            problems.Add(IntakeField.CommunityCode, "outside-scope", "不在本数据源的辖区内", "Outside this source's jurisdiction");
        }

        return value;
    }

    private PersonFlagKind? Flag(Problems problems, RawRow row)
    {
        switch (_type)
        {
            case RecordType.FeverClinicVisit:
                return PersonFlagKind.FeverPatient;
            case RecordType.CaseReport or RecordType.CivilAffairsList:
                var value = Value(row, IntakeField.Category);
                if (value is null)
                {
                    problems.Missing(IntakeField.Category);
                    return null;
                }

                if (TryParseCategory(_type, value, out var flag))
                {
                    return flag;
                }

                if (_type == RecordType.CaseReport)
                {
                    problems.Add(
                        IntakeField.Category, "bad-category", "类别应为 确诊、疑似 或 密接",
                        "The category must be confirmed, suspected or close_contact");
                }
                else
                {
                    problems.Add(
                        IntakeField.Category, "bad-category", "类别应为 独居老人、残疾人 或 低保",
                        "The category must be elderly_alone, disabled or low_income");
                }

                return null;
            default:
                return null;
        }
    }

    private DateOnly? EventDate(Problems problems, RawRow row)
    {
        var value = Value(row, IntakeField.EventDate);
        if (value is null)
        {
            if (_type != RecordType.CivilAffairsList)
            {
                problems.Missing(IntakeField.EventDate);
            }

            return null;
        }

        if (!TryParseDate(value, out var date))
        {
            BadDate(problems, IntakeField.EventDate);
            return null;
        }

        if (date > _today)
        {
            problems.Add(IntakeField.EventDate, "future-date", "日期晚于今天", "The date is in the future");
            return null;
        }

        if (date < _earliestEventDate)
        {
            var earliest = _earliestEventDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            problems.Add(IntakeField.EventDate, "date-too-old", $"日期早于 {earliest}", $"The date is before {earliest}");
            return null;
        }

        return date;
    }

    private static bool Active(Problems problems, RawRow row)
    {
        if (Value(row, IntakeField.Active) is not { } value)
        {
            return true;
        }

        if (TryParseActive(value, out var active))
        {
            return active;
        }

        problems.Add(
            IntakeField.Active, "bad-active", "是否有效应为 是/否、有效/无效 或 1/0",
            "Active must be yes/no: 是/否, 有效/无效, 1/0, true/false, Y/N or active/closed");
        return true;
    }

    private static string? Text(Problems problems, RawRow row, IntakeField field, int maxLength, bool required)
    {
        var value = Value(row, field);
        if (value is null)
        {
            if (required)
            {
                problems.Missing(field);
            }

            return null;
        }

        if (value.Length > maxLength)
        {
            problems.Add(
                field, "too-long",
                Invariant($"{FieldLabelZh(field)}不能超过 {maxLength} 个字符"),
                Invariant($"The {FieldLabelEn(field)} has at most {maxLength} characters"));
        }

        if (!IsPlainText(value))
        {
            problems.Add(
                field, "bad-text",
                $"{FieldLabelZh(field)}不能包含尖括号或控制字符",
                $"The {FieldLabelEn(field)} must not contain angle brackets or control characters");
        }

        return value;
    }

    private static void BadDate(Problems problems, IntakeField field) =>
        problems.Add(
            field, "bad-date",
            $"{FieldLabelZh(field)}格式错误，应为 yyyy-MM-dd、yyyy/M/d、yyyyMMdd 或 yyyy年M月d日",
            $"The {FieldLabelEn(field)} must be a date written yyyy-MM-dd, yyyy/M/d, yyyyMMdd or yyyy年M月d日");

    // Trim returns the same instance when there is nothing to trim, so clean cells cost no allocation.
    private static string? Value(RawRow row, IntakeField field)
    {
        var value = row.Values[(int)field];
        if (value is null)
        {
            return null;
        }

        value = value.Trim();
        return value.Length == 0 ? null : value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Appends rejections for one row; a struct so that checking a clean row allocates nothing.</summary>
    private readonly record struct Problems(long RowNumber, List<Rejection> Sink, int Start)
    {
        public bool Any => Sink.Count > Start;

        public void Add(IntakeField field, string code, string zh, string en) =>
            Sink.Add(new Rejection(RowNumber, FieldName(field), code, zh, en));

        public void Missing(IntakeField field) =>
            Add(field, "missing", $"必填项缺失：{FieldLabelZh(field)}", $"Required field missing: {FieldLabelEn(field)}");
    }
}
