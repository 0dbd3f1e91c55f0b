using Yiwang.Kernel.Contracts.People;
using System.Globalization;
using Yiwang.Kernel.Identity;
using Yiwang.People.Generation;
using Yiwang.People.Intake;
using Yiwang.People.Intake.Validation;

namespace Yiwang.UnitTests.People;

public sealed class RecordValidatorTests
{
    private const string _community = "420116001001";
    private const string _otherStreetCommunity = "420116002001";
    private const string _unknownCommunity = "420116999999";

    private static readonly DateOnly _today = new(2025, 11, 1);

    // A man born 1985-03-12, and his twin sister: same birth date, different numbers.
    private static readonly string _id = ResidentIdentityNumber.Create("420116", new DateOnly(1985, 3, 12), 123);
    private static readonly string _twinId = ResidentIdentityNumber.Create("420116", new DateOnly(1985, 3, 12), 124);
    private static readonly string _strangerId = ResidentIdentityNumber.Create("420116", new DateOnly(1990, 1, 1), 5);

    private static readonly RecordType[] _allTypes = Enum.GetValues<RecordType>();

    public static TheoryData<string> AllTypes => [.. _allTypes.Select(t => t.ToString())];

    // ---- whole rows, per record type ----

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration), null)]
    [InlineData(nameof(RecordType.ManualEntry), null)]
    [InlineData(nameof(RecordType.CaseReport), nameof(PersonFlagKind.ConfirmedCase))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(PersonFlagKind.FeverPatient))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(PersonFlagKind.ElderlyAlone))]
    public void MinimalValidRowOfEachTypeIsAccepted(string typeName, string? flagName)
    {
        var type = Enum.Parse<RecordType>(typeName);
        var flag = flagName is null ? (PersonFlagKind?)null : Enum.Parse<PersonFlagKind>(flagName);

        var (record, rejections) = Check(type, Base(type));

        Assert.Empty(rejections);
        Assert.NotNull(record);
        Assert.Equal(2, record.RowNumber);
        Assert.Equal("R-0001", record.SourceRecordId);
        Assert.Equal(_id, record.IdNumber);
        Assert.Equal("张伟", record.Name);
        Assert.Equal(Sex.Male, record.Sex);
        Assert.Equal(new DateOnly(1985, 3, 12), record.BirthDate);
        Assert.Equal(flag, record.Flag);
        Assert.True(record.FlagActive);
    }

    [Fact]
    public void HouseholdRowIsTrimmedAndNormalised()
    {
        var row = Row(
            7,
            (IntakeField.SourceRecordId, "  R-0001 "),
            (IntakeField.IdNumber, "\t" + _id + " "),
            (IntakeField.Name, " 张伟\u3000"),
            (IntakeField.Sex, " 男 "),
            (IntakeField.BirthDate, " 1985年3月12日 "),
            (IntakeField.Phone, " 138 0013 8000 "),
            (IntakeField.Address, "  黄陂区前川街道百秀街1号  "),
            (IntakeField.CommunityCode, " " + _community + " "),
            (IntakeField.HouseholdKey, " H-77 "),
            (IntakeField.Relation, " 户主 "),
            (IntakeField.Active, " 是 "),
            (IntakeField.Note, "  迁入  "));

        var (record, rejections) = Check(RecordType.HouseholdRegistration, row);

        Assert.Empty(rejections);
        Assert.Equal(
            new IntakeRecord(
                7, "R-0001", _id, "张伟", Sex.Male, new DateOnly(1985, 3, 12), "13800138000", "黄陂区前川街道百秀街1号", _community,
                "H-77", HouseholdRelation.Head, null, true, null, "迁入"),
            record);
    }

    [Fact]
    public void CaseReportRecordCarriesCategoryDateAndActive()
    {
        var row = With(
            Base(RecordType.CaseReport),
            (IntakeField.Category, "疑似"), (IntakeField.EventDate, "2025/10/3"), (IntakeField.Active, "closed"),
            (IntakeField.CommunityCode, _community));

        var (record, rejections) = Check(RecordType.CaseReport, row);

        Assert.Empty(rejections);
        Assert.Equal(PersonFlagKind.SuspectedCase, record!.Flag);
        Assert.Equal(new DateOnly(2025, 10, 3), record.EventDate);
        Assert.False(record.FlagActive);
        Assert.Equal(_community, record.CommunityCode);
    }

    [Fact]
    public void FieldsAnotherRecordTypeUsesAreIgnoredNotStored()
    {
        var household = With(Base(RecordType.HouseholdRegistration), (IntakeField.Category, "确诊"), (IntakeField.EventDate, "2001-01-01"));
        var caseReport = With(Base(RecordType.CaseReport), (IntakeField.HouseholdKey, "H-1"), (IntakeField.Relation, "户主"));

        var (householdRecord, householdRejections) = Check(RecordType.HouseholdRegistration, household);
        var (caseRecord, caseRejections) = Check(RecordType.CaseReport, caseReport);

        Assert.Empty(householdRejections);
        Assert.Null(householdRecord!.Flag);
        Assert.Null(householdRecord.EventDate);
        Assert.Empty(caseRejections);
        Assert.Null(caseRecord!.HouseholdKey);
        Assert.Null(caseRecord.Relation);
    }

    // ---- required fields ----

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.IdNumber))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Name))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Address))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.CommunityCode))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.IdNumber))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.Name))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.Address))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.CommunityCode))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.Name))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.Category))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.EventDate))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(IntakeField.Name))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(IntakeField.EventDate))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.IdNumber))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.Name))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.Category))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.CommunityCode))]
    public void MissingRequiredFieldIsRejected(string typeName, string fieldName)
    {
        var type = Enum.Parse<RecordType>(typeName);
        var field = Enum.Parse<IntakeField>(fieldName);

        foreach (var empty in new string?[] { null, "", "   ", "\u3000" })
        {
            var (record, rejections) = Check(type, With(Base(type), (field, empty)));

            Assert.Null(record);
            var rejection = Assert.Single(rejections);
            Assert.Equal(RecordValidator.FieldName(field), rejection.Field);
            Assert.Equal("missing", rejection.Code);
            Assert.Equal($"必填项缺失：{RecordValidator.FieldLabelZh(field)}", rejection.Zh);
            Assert.StartsWith("Required field missing: ", rejection.En, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Sex))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.BirthDate))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Phone))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.HouseholdKey))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Relation))]
    [InlineData(nameof(RecordType.HouseholdRegistration), nameof(IntakeField.Note))]
    [InlineData(nameof(RecordType.ManualEntry), nameof(IntakeField.Relation))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.CommunityCode))]
    [InlineData(nameof(RecordType.CaseReport), nameof(IntakeField.Address))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(IntakeField.CommunityCode))]
    [InlineData(nameof(RecordType.FeverClinicVisit), nameof(IntakeField.Category))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.EventDate))]
    [InlineData(nameof(RecordType.CivilAffairsList), nameof(IntakeField.Address))]
    public void OptionalFieldMayBeLeftOut(string typeName, string fieldName)
    {
        var type = Enum.Parse<RecordType>(typeName);
        var field = Enum.Parse<IntakeField>(fieldName);

        var (record, rejections) = Check(type, With(Base(type), (field, null)));

        Assert.Empty(rejections);
        Assert.NotNull(record);
    }

    // ---- identity number ----

    [Theory]
    [InlineData("42011619850312123", "bad-id-length", IdNumberError.WrongLength)]
    [InlineData("4201161985031212345", "bad-id-length", IdNumberError.WrongLength)]
    [InlineData("42011619850312A23X", "bad-id-characters", IdNumberError.BadCharacters)]
    [InlineData("420116198503120001", "bad-id-characters", IdNumberError.BadCharacters)]
    [InlineData("920116198503121234", "bad-id-region", IdNumberError.BadRegion)]
    [InlineData("420116198513121234", "bad-id-date", IdNumberError.BadBirthDate)]
    [InlineData("420116189912311234", "bad-id-date", IdNumberError.BadBirthDate)]
    [InlineData("420116203001011234", "future-birth-date", IdNumberError.FutureBirthDate)]
    public void BadIdentityNumberIsRejectedWithItsCodeAndText(string id, string code, IdNumberError error)
    {
        foreach (var type in _allTypes)
        {
            var (record, rejections) = Check(type, With(Base(type), (IntakeField.IdNumber, id), (IntakeField.Phone, "13800138000")));

            Assert.Null(record);
            var rejection = Assert.Single(rejections);
            Assert.Equal(("idNumber", code), (rejection.Field, rejection.Code));
            Assert.Equal(ResidentIdentityNumber.Describe(error), $"{rejection.Zh} / {rejection.En}");
        }
    }

    [Fact]
    public void WrongCheckCharacterIsRejected()
    {
        var wrong = _id[..17] + (_id[17] == '0' ? '1' : '0');

        var rejection = Assert.Single(Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (IntakeField.IdNumber, wrong))).Rejections);

        Assert.Equal("bad-check-character", rejection.Code);
        Assert.Equal("身份证号校验位错误", rejection.Zh);
    }

    [Fact]
    public void LowerCaseXIsAcceptedAndStoredUpperCase()
    {
        var (record, rejections) = Check(
            RecordType.HouseholdRegistration,
            With(Base(RecordType.HouseholdRegistration), (IntakeField.IdNumber, "11010519491231002x"), (IntakeField.Sex, "女")));

        Assert.Empty(rejections);
        Assert.Equal("11010519491231002X", record!.IdNumber);
        Assert.Equal(Sex.Female, record.Sex);
        Assert.Equal(new DateOnly(1949, 12, 31), record.BirthDate);
    }

    [Theory]
    [InlineData("男", "1985-03-12")]
    [InlineData("M", "1985/3/12")]
    [InlineData("male", "19850312")]
    [InlineData("1", "1985年3月12日")]
    public void SexAndBirthDateThatAgreeWithTheIdNumberAreAccepted(string sex, string birthDate)
    {
        var row = With(Base(RecordType.HouseholdRegistration), (IntakeField.Sex, sex), (IntakeField.BirthDate, birthDate));

        Assert.Empty(Check(RecordType.HouseholdRegistration, row).Rejections);
    }

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration))]
    [InlineData(nameof(RecordType.ManualEntry))]
    [InlineData(nameof(RecordType.CaseReport))]
    [InlineData(nameof(RecordType.CivilAffairsList))]
    public void SexOrBirthDateContradictingTheIdNumberIsRejected(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var row = With(Base(type), (IntakeField.Sex, "F"), (IntakeField.BirthDate, "1985-03-13"));

        var rejections = Check(type, row).Rejections;

        Assert.Equal(
            [("sex", "id-mismatch-sex"), ("birthDate", "id-mismatch-birth-date")],
            rejections.Select(r => (r.Field, r.Code)));
    }

    // ---- identifiable without an identity number ----

    [Theory]
    [InlineData(nameof(RecordType.CaseReport))]
    [InlineData(nameof(RecordType.FeverClinicVisit))]
    public void WithoutIdNumberAPhoneOrBirthDateIsNeeded(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var bare = With(Base(type), (IntakeField.IdNumber, null), (IntakeField.Sex, "女"));

        var rejection = Assert.Single(Check(type, bare).Rejections);
        Assert.Equal(("idNumber", "not-identifiable"), (rejection.Field, rejection.Code));

        var (byPhone, phoneRejections) = Check(type, With(bare, (IntakeField.Phone, "13912345678")));
        Assert.Empty(phoneRejections);
        Assert.Null(byPhone!.IdNumber);
        Assert.Equal("13912345678", byPhone.Phone);
        Assert.Equal(Sex.Female, byPhone.Sex);
        Assert.Null(byPhone.BirthDate);

        var (byBirth, birthRejections) = Check(type, With(bare, (IntakeField.BirthDate, "1990-07-01")));
        Assert.Empty(birthRejections);
        Assert.Equal(new DateOnly(1990, 7, 1), byBirth!.BirthDate);
    }

    // ---- sex ----

    [Theory]
    [InlineData("男", Sex.Male)]
    [InlineData("女", Sex.Female)]
    [InlineData("M", Sex.Male)]
    [InlineData("f", Sex.Female)]
    [InlineData("Male", Sex.Male)]
    [InlineData("FEMALE", Sex.Female)]
    [InlineData("1", Sex.Male)]
    [InlineData("2", Sex.Female)]
    public void SexIsReadInEveryAcceptedSpelling(string value, Sex expected)
    {
        var (record, rejections) = Check(RecordType.FeverClinicVisit, NoId(RecordType.FeverClinicVisit, (IntakeField.Sex, value), (IntakeField.Phone, "13800138000")));

        Assert.Empty(rejections);
        Assert.Equal(expected, record!.Sex);
    }

    [Theory]
    [InlineData("未知")]
    [InlineData("0")]
    [InlineData("9")]
    [InlineData("X")]
    public void UnknownSexIsRejected(string value)
    {
        var row = NoId(RecordType.FeverClinicVisit, (IntakeField.Sex, value), (IntakeField.Phone, "13800138000"));

        var rejection = Assert.Single(Check(RecordType.FeverClinicVisit, row).Rejections);

        Assert.Equal(("sex", "bad-sex"), (rejection.Field, rejection.Code));
    }

    // ---- dates ----

    [Theory]
    [InlineData("1985-03-12")]
    [InlineData("1985-3-12")]
    [InlineData("1985/3/12")]
    [InlineData("1985/03/12")]
    [InlineData("19850312")]
    [InlineData("1985年3月12日")]
    [InlineData("1985年03月12日")]
    public void BirthDateIsReadInEveryAcceptedFormat(string value)
    {
        var (record, rejections) = Check(RecordType.CaseReport, NoId(RecordType.CaseReport, (IntakeField.BirthDate, value)));

        Assert.Empty(rejections);
        Assert.Equal(new DateOnly(1985, 3, 12), record!.BirthDate);
    }

    [Theory]
    [InlineData("1985.03.12", "bad-date")]
    [InlineData("12/03/1985", "bad-date")]
    [InlineData("1985/03-12", "bad-date")]
    [InlineData("1985-02-29", "bad-date")]
    [InlineData("19851312", "bad-date")]
    [InlineData("1985-003-12", "bad-date")]
    [InlineData("1985年3月12", "bad-date")]
    [InlineData("昨天", "bad-date")]
    [InlineData("2025-11-02", "future-birth-date")]
    [InlineData("1899-12-31", "date-too-old")]
    public void BadBirthDateIsRejected(string value, string code)
    {
        var row = NoId(RecordType.CaseReport, (IntakeField.BirthDate, value), (IntakeField.Phone, "13800138000"));

        var rejection = Assert.Single(Check(RecordType.CaseReport, row).Rejections);

        Assert.Equal(("birthDate", code), (rejection.Field, rejection.Code));
    }

    [Theory]
    [InlineData("1900-01-01")]
    [InlineData("2025-11-01")]
    [InlineData("2000-02-29")]
    public void BirthDateAtTheLimitsIsAccepted(string value) =>
        Assert.Empty(Check(RecordType.CaseReport, NoId(RecordType.CaseReport, (IntakeField.BirthDate, value))).Rejections);

    [Theory]
    [InlineData("2025-10-30", 2025, 10, 30)]
    [InlineData("2025/1/5", 2025, 1, 5)]
    [InlineData("20250105", 2025, 1, 5)]
    [InlineData("2025年1月5日", 2025, 1, 5)]
    [InlineData("2019-12-01", 2019, 12, 1)]
    [InlineData("2025-11-01", 2025, 11, 1)]
    public void EventDateIsReadInEveryAcceptedFormat(string value, int year, int month, int day)
    {
        foreach (var type in new[] { RecordType.CaseReport, RecordType.FeverClinicVisit, RecordType.CivilAffairsList })
        {
            var (record, rejections) = Check(type, With(Base(type), (IntakeField.EventDate, value)));

            Assert.Empty(rejections);
            Assert.Equal(new DateOnly(year, month, day), record!.EventDate);
        }
    }

    [Theory]
    [InlineData(nameof(RecordType.CaseReport), "2025-11-02", "future-date")]
    [InlineData(nameof(RecordType.CaseReport), "2019-11-30", "date-too-old")]
    [InlineData(nameof(RecordType.CaseReport), "2025-13-01", "bad-date")]
    [InlineData(nameof(RecordType.FeverClinicVisit), "2026-01-01", "future-date")]
    [InlineData(nameof(RecordType.FeverClinicVisit), "2018-05-05", "date-too-old")]
    [InlineData(nameof(RecordType.FeverClinicVisit), "05/05/2025", "bad-date")]
    [InlineData(nameof(RecordType.CivilAffairsList), "2025-11-02", "future-date")]
    [InlineData(nameof(RecordType.CivilAffairsList), "1899-12-31", "date-too-old")]
    public void BadEventDateIsRejected(string typeName, string value, string code)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var rejection = Assert.Single(Check(type, With(Base(type), (IntakeField.EventDate, value))).Rejections);

        Assert.Equal(("eventDate", code), (rejection.Field, rejection.Code));
    }

    [Fact]
    public void CivilAffairsListDateMayPredateTheEpidemic()
    {
        // Someone put on the low-income list in 2010 is still on it.
        var row = With(Base(RecordType.CivilAffairsList), (IntakeField.Category, "低保"), (IntakeField.EventDate, "2010-05-01"));

        Assert.Empty(Check(RecordType.CivilAffairsList, row).Rejections);
    }

    // ---- phone ----

    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("19912345678", "19912345678")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138-0013-8000", "13800138000")]
    [InlineData(" 138 - 0013 - 8000 ", "13800138000")]
    [InlineData("027-85761234", "027-85761234")]
    [InlineData("02785761234", "02785761234")]
    [InlineData("027-8576123", "027-8576123")]
    [InlineData("027 8576 1234", "027 8576 1234")]
    public void PhoneIsNormalised(string value, string expected)
    {
        var (record, rejections) = Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (IntakeField.Phone, value)));

        Assert.Empty(rejections);
        Assert.Equal(expected, record!.Phone);
    }

    [Theory]
    [InlineData("12800138000")]
    [InlineData("1380013800")]
    [InlineData("138001380001")]
    [InlineData("+8613800138000")]
    [InlineData("138OO138000")]
    [InlineData("010-85761234")]
    [InlineData("027-05761234")]
    [InlineData("027-857612")]
    [InlineData("027-857612345")]
    [InlineData("85761234")]
    [InlineData("无")]
    public void BadPhoneIsRejected(string value)
    {
        var rejection = Assert.Single(
            Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (IntakeField.Phone, value))).Rejections);

        Assert.Equal(("phone", "bad-phone"), (rejection.Field, rejection.Code));
    }

    // ---- name ----

    [Theory]
    [InlineData("张伟")]
    [InlineData("欧阳娜娜")]
    [InlineData("阿卜杜拉·买买提")]
    [InlineData("John Smith")]
    [InlineData("Li Na")]
    [InlineData("王")]
    public void PlausibleNamesAreAccepted(string name)
    {
        var (record, rejections) = Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Name, name)));

        Assert.Empty(rejections);
        Assert.Equal(name, record!.Name);
        Assert.True(RecordValidator.IsValidName(name));
    }

    [Theory]
    [InlineData("张伟1")]
    [InlineData("<b>张伟</b>")]
    [InlineData("Robert'); DROP TABLE people;--")]
    [InlineData("张伟\u0000")]
    [InlineData("O'Brien")]
    public void NamesWithOtherCharactersAreRejected(string name)
    {
        var rejection = Assert.Single(Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Name, name))).Rejections);

        Assert.Equal(("name", "bad-name"), (rejection.Field, rejection.Code));
        Assert.False(RecordValidator.IsValidName(name));
    }

    [Fact]
    public void NameLengthIsLimitedTo32Characters()
    {
        var longest = new string('张', 32);
        var tooLong = new string('张', 33);

        Assert.Empty(Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Name, longest))).Rejections);
        var rejection = Assert.Single(Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Name, tooLong))).Rejections);
        Assert.Equal("bad-name", rejection.Code);
        Assert.Contains("32", rejection.Zh, StringComparison.Ordinal);

        var both = Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Name, tooLong + "1"))).Rejections;
        Assert.Equal(2, both.Count(r => r.Code == "bad-name"));
    }

    // ---- free text: address, note, keys ----

    [Theory]
    [InlineData(nameof(IntakeField.Address))]
    [InlineData(nameof(IntakeField.Note))]
    [InlineData(nameof(IntakeField.SourceRecordId))]
    [InlineData(nameof(IntakeField.HouseholdKey))]
    public void SqlInTextIsJustTextAndIsKeptVerbatim(string fieldName)
    {
        var field = Enum.Parse<IntakeField>(fieldName);

        const string sql = "1'; DROP TABLE people; -- \"x\" OR 1=1";

        var (record, rejections) = Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (field, sql)));

        Assert.Empty(rejections);
        var stored = field switch
        {
            IntakeField.Address => record!.Address,
            IntakeField.Note => record!.Note,
            IntakeField.SourceRecordId => record!.SourceRecordId,
            _ => record!.HouseholdKey,
        };
        Assert.Equal(sql, stored);
    }

    [Theory]
    [InlineData(nameof(IntakeField.Address), "<script>alert(1)</script>")]
    [InlineData(nameof(IntakeField.Address), "前川街道<br>1号")]
    [InlineData(nameof(IntakeField.Address), "前川街道\u00071号")]
    [InlineData(nameof(IntakeField.Address), "前川街道\n1号")]
    [InlineData(nameof(IntakeField.Note), "<img src=x onerror=alert(1)>")]
    [InlineData(nameof(IntakeField.Note), "a\u0085b")]
    [InlineData(nameof(IntakeField.SourceRecordId), "R<1>")]
    [InlineData(nameof(IntakeField.HouseholdKey), "H\u001b[31m")]
    public void MarkupAndControlCharactersAreRejected(string fieldName, string value)
    {
        var field = Enum.Parse<IntakeField>(fieldName);

        var rejection = Assert.Single(Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (field, value))).Rejections);

        Assert.Equal((RecordValidator.FieldName(field), "bad-text"), (rejection.Field, rejection.Code));
        Assert.Contains(RecordValidator.FieldLabelZh(field), rejection.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(IntakeField.Address), 200)]
    [InlineData(nameof(IntakeField.Note), 500)]
    [InlineData(nameof(IntakeField.SourceRecordId), 64)]
    [InlineData(nameof(IntakeField.HouseholdKey), 64)]
    public void TextIsLimitedInLength(string fieldName, int max)
    {
        var field = Enum.Parse<IntakeField>(fieldName);

        var type = RecordType.HouseholdRegistration;

        Assert.Empty(Check(type, With(Base(type), (field, new string('号', max)))).Rejections);
        var rejection = Assert.Single(Check(type, With(Base(type), (field, new string('号', max + 1)))).Rejections);
        Assert.Equal((RecordValidator.FieldName(field), "too-long"), (rejection.Field, rejection.Code));
        Assert.Contains(max.ToString(CultureInfo.InvariantCulture), rejection.En, StringComparison.Ordinal);
    }

    [Fact]
    public void LongTextWithMarkupGetsBothProblems()
    {
        var value = new string('a', 201) + "<";

        var rejections = Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (IntakeField.Address, value))).Rejections;

        Assert.Equal(["too-long", "bad-text"], rejections.Select(r => r.Code));
    }

    // ---- community code ----

    [Theory]
    [InlineData("42011600100", "bad-community-code")]
    [InlineData("4201160010011", "bad-community-code")]
    [InlineData("42011600100A", "bad-community-code")]
    [InlineData("<b>420116001</b>", "bad-community-code")]
    [InlineData(_unknownCommunity, "unknown-community")]
    [InlineData(_otherStreetCommunity, "outside-scope")]
    public void CommunityCodeMustBeWellFormedKnownAndInScope(string code, string expected)
    {
        foreach (var type in _allTypes)
        {
            var rejection = Assert.Single(Check(type, With(Base(type), (IntakeField.CommunityCode, code))).Rejections);

            Assert.Equal(("communityCode", expected), (rejection.Field, rejection.Code));
        }
    }

    [Fact]
    public void CommunityMessagesEchoOnlyWellFormedCodes()
    {
        var type = RecordType.HouseholdRegistration;

        var unknown = Assert.Single(Check(type, With(Base(type), (IntakeField.CommunityCode, _unknownCommunity))).Rejections);
        var malformed = Assert.Single(Check(type, With(Base(type), (IntakeField.CommunityCode, "<b>x</b>"))).Rejections);
        var outside = Assert.Single(Check(type, With(Base(type), (IntakeField.CommunityCode, _otherStreetCommunity))).Rejections);

        Assert.Equal($"未知的社区/村代码：{_unknownCommunity}", unknown.Zh);
        Assert.Equal($"Unknown community code {_unknownCommunity}", unknown.En);
        Assert.DoesNotContain("<", malformed.Zh + malformed.En, StringComparison.Ordinal);
        Assert.Equal(("不在本数据源的辖区内", "Outside this source's jurisdiction"), (outside.Zh, outside.En));
    }

    // ---- relation ----

    [Theory]
    [InlineData("户主", nameof(HouseholdRelation.Head))]
    [InlineData("本人", nameof(HouseholdRelation.Head))]
    [InlineData("head", nameof(HouseholdRelation.Head))]
    [InlineData("Head", nameof(HouseholdRelation.Head))]
    [InlineData("配偶", nameof(HouseholdRelation.Spouse))]
    [InlineData("妻", nameof(HouseholdRelation.Spouse))]
    [InlineData("夫", nameof(HouseholdRelation.Spouse))]
    [InlineData("Spouse", nameof(HouseholdRelation.Spouse))]
    [InlineData("子", nameof(HouseholdRelation.Child))]
    [InlineData("女", nameof(HouseholdRelation.Child))]
    [InlineData("儿子", nameof(HouseholdRelation.Child))]
    [InlineData("女儿", nameof(HouseholdRelation.Child))]
    [InlineData("child", nameof(HouseholdRelation.Child))]
    [InlineData("父亲", nameof(HouseholdRelation.Parent))]
    [InlineData("母亲", nameof(HouseholdRelation.Parent))]
    [InlineData("父母", nameof(HouseholdRelation.Parent))]
    [InlineData("PARENT", nameof(HouseholdRelation.Parent))]
    [InlineData("孙子", nameof(HouseholdRelation.Grandchild))]
    [InlineData("孙女", nameof(HouseholdRelation.Grandchild))]
    [InlineData("Grandchild", nameof(HouseholdRelation.Grandchild))]
    [InlineData("Other", nameof(HouseholdRelation.Other))]
    [InlineData("儿媳", nameof(HouseholdRelation.Other))]
    [InlineData("兄弟姐妹", nameof(HouseholdRelation.Other))]
    [InlineData("1", nameof(HouseholdRelation.Other))]
    [InlineData("02", nameof(HouseholdRelation.Head))]
    [InlineData("12", nameof(HouseholdRelation.Spouse))]
    [InlineData("22", nameof(HouseholdRelation.Child))]
    [InlineData("32", nameof(HouseholdRelation.Child))]
    [InlineData("41", nameof(HouseholdRelation.Grandchild))]
    [InlineData("51", nameof(HouseholdRelation.Parent))]
    [InlineData("70", nameof(HouseholdRelation.Other))]
    public void RelationIsMappedAndNeverRejected(string value, string expectedName)
    {
        var expected = Enum.Parse<HouseholdRelation>(expectedName);

        var (record, rejections) = Check(RecordType.HouseholdRegistration, With(Base(RecordType.HouseholdRegistration), (IntakeField.Relation, value)));

        Assert.Empty(rejections);
        Assert.Equal(expected, record!.Relation);
    }

    // ---- category ----

    [Theory]
    [InlineData(nameof(RecordType.CaseReport), "确诊", nameof(PersonFlagKind.ConfirmedCase))]
    [InlineData(nameof(RecordType.CaseReport), "confirmed", nameof(PersonFlagKind.ConfirmedCase))]
    [InlineData(nameof(RecordType.CaseReport), "ConfirmedCase", nameof(PersonFlagKind.ConfirmedCase))]
    [InlineData(nameof(RecordType.CaseReport), "疑似", nameof(PersonFlagKind.SuspectedCase))]
    [InlineData(nameof(RecordType.CaseReport), "Suspected", nameof(PersonFlagKind.SuspectedCase))]
    [InlineData(nameof(RecordType.CaseReport), "密接", nameof(PersonFlagKind.CloseContact))]
    [InlineData(nameof(RecordType.CaseReport), "密切接触者", nameof(PersonFlagKind.CloseContact))]
    [InlineData(nameof(RecordType.CaseReport), "close_contact", nameof(PersonFlagKind.CloseContact))]
    [InlineData(nameof(RecordType.CivilAffairsList), "独居老人", nameof(PersonFlagKind.ElderlyAlone))]
    [InlineData(nameof(RecordType.CivilAffairsList), "elderly_alone", nameof(PersonFlagKind.ElderlyAlone))]
    [InlineData(nameof(RecordType.CivilAffairsList), "elderly", nameof(PersonFlagKind.ElderlyAlone))]
    [InlineData(nameof(RecordType.CivilAffairsList), "残疾人", nameof(PersonFlagKind.Disabled))]
    [InlineData(nameof(RecordType.CivilAffairsList), "残疾", nameof(PersonFlagKind.Disabled))]
    [InlineData(nameof(RecordType.CivilAffairsList), "Disabled", nameof(PersonFlagKind.Disabled))]
    [InlineData(nameof(RecordType.CivilAffairsList), "低保", nameof(PersonFlagKind.LowIncome))]
    [InlineData(nameof(RecordType.CivilAffairsList), "低收入", nameof(PersonFlagKind.LowIncome))]
    [InlineData(nameof(RecordType.CivilAffairsList), "low_income", nameof(PersonFlagKind.LowIncome))]
    public void CategoryIsMappedToAFlag(string typeName, string value, string expectedName)
    {
        var type = Enum.Parse<RecordType>(typeName);
        var expected = Enum.Parse<PersonFlagKind>(expectedName);

        var (record, rejections) = Check(type, With(Base(type), (IntakeField.Category, value)));

        Assert.Empty(rejections);
        Assert.Equal(expected, record!.Flag);
    }

    [Theory]
    [InlineData(nameof(RecordType.CaseReport), "无症状")]
    [InlineData(nameof(RecordType.CaseReport), "低保")]
    [InlineData(nameof(RecordType.CaseReport), "FeverPatient")]
    [InlineData(nameof(RecordType.CivilAffairsList), "确诊")]
    [InlineData(nameof(RecordType.CivilAffairsList), "五保")]
    public void CategoryOutsideTheRecordTypeIsRejected(string typeName, string value)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var rejection = Assert.Single(Check(type, With(Base(type), (IntakeField.Category, value))).Rejections);

        Assert.Equal(("category", "bad-category"), (rejection.Field, rejection.Code));
    }

    [Fact]
    public void FeverClinicVisitIsAlwaysAFeverPatientWhateverTheCategorySays()
    {
        var (record, rejections) = Check(
            RecordType.FeverClinicVisit, With(Base(RecordType.FeverClinicVisit), (IntakeField.Category, "确诊")));

        Assert.Empty(rejections);
        Assert.Equal(PersonFlagKind.FeverPatient, record!.Flag);
    }

    // ---- active ----

    [Theory]
    [InlineData(null, true)]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("有效", true)]
    [InlineData("无效", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    [InlineData("y", true)]
    [InlineData("N", false)]
    [InlineData("Active", true)]
    [InlineData("closed", false)]
    public void ActiveIsReadAndDefaultsToTrue(string? value, bool expected)
    {
        var (record, rejections) = Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Active, value)));

        Assert.Empty(rejections);
        Assert.Equal(expected, record!.FlagActive);
    }

    [Theory]
    [InlineData("也许")]
    [InlineData("2")]
    [InlineData("yes please")]
    public void UnknownActiveIsRejected(string value)
    {
        var rejection = Assert.Single(Check(RecordType.CaseReport, With(Base(RecordType.CaseReport), (IntakeField.Active, value))).Rejections);

        Assert.Equal(("active", "bad-active"), (rejection.Field, rejection.Code));
    }

    // ---- all problems at once ----

    [Fact]
    public void EveryProblemOfARowIsReportedTogether()
    {
        var row = Row(
            42,
            (IntakeField.SourceRecordId, "R<9>"),
            (IntakeField.IdNumber, "42011619850312123"),
            (IntakeField.Name, "张伟2"),
            (IntakeField.Sex, "?"),
            (IntakeField.BirthDate, "1985-13-01"),
            (IntakeField.Phone, "12345"),
            (IntakeField.CommunityCode, _unknownCommunity),
            (IntakeField.HouseholdKey, new string('k', 65)),
            (IntakeField.Active, "maybe"),
            (IntakeField.Note, "<i>"));

        var (record, rejections) = Check(RecordType.HouseholdRegistration, row);

        Assert.Null(record);
        Assert.All(rejections, r => Assert.Equal(42, r.RowNumber));
        Assert.All(rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Zh) || string.IsNullOrWhiteSpace(r.En)));
        Assert.Equal(
            new[]
            {
                ("sourceRecordId", "bad-text"), ("name", "bad-name"), ("idNumber", "bad-id-length"), ("sex", "bad-sex"),
                ("birthDate", "bad-date"), ("phone", "bad-phone"), ("address", "missing"), ("communityCode", "unknown-community"),
                ("householdKey", "too-long"), ("active", "bad-active"), ("note", "bad-text"),
            }.Order(),
            rejections.Select(r => (r.Field, r.Code)).Order());
    }

    [Fact]
    public void RejectionsAreAppendedToWhatTheCallerAlreadyHas()
    {
        var validator = Validator(RecordType.CaseReport);
        var rejections = new List<Rejection> { new(1, "x", "y", "z", "w") };

        Assert.False(validator.TryValidate(With(Base(RecordType.CaseReport), (IntakeField.Name, null)), rejections, out _));
        Assert.True(validator.TryValidate(With(Base(RecordType.CaseReport, 3), (IntakeField.SourceRecordId, "R-2")), rejections, out _));

        Assert.Equal(2, rejections.Count);
        Assert.Equal("x", rejections[0].Field);
    }

    [Fact]
    public void RowWithTheWrongNumberOfValuesIsAProgrammingError()
    {
        var validator = Validator(RecordType.CaseReport);

        Assert.Throws<ArgumentException>(() => validator.TryValidate(new RawRow(1, new string?[3]), [], out _));
    }

    // ---- duplicates within a file ----

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void RepeatedSourceRecordIdIsRejectedNamingTheFirstRow(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var validator = Validator(type);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(type, 2), rejections, out _));
        Assert.True(validator.TryValidate(With(Base(type, 3), (IntakeField.SourceRecordId, "R-0002"), (IntakeField.IdNumber, _twinId)), rejections, out _));
        // Same record id with other content is still a repeat: the id is what makes resending idempotent.
        Assert.False(validator.TryValidate(With(Base(type, 5), (IntakeField.IdNumber, _strangerId)), rejections, out _));
        Assert.False(validator.TryValidate(Base(type, 9), rejections, out _));

        Assert.Equal([5L, 9L], rejections.Select(r => r.RowNumber));
        Assert.All(rejections, r =>
        {
            Assert.Equal(("sourceRecordId", "duplicate-in-file"), (r.Field, r.Code));
            Assert.Contains("第 2 行", r.Zh, StringComparison.Ordinal);
            Assert.Contains("row 2", r.En, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration))]
    [InlineData(nameof(RecordType.ManualEntry))]
    public void SameIdNumberUnderAnotherRecordIdIsRejectedForPersonRegisters(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var validator = Validator(type);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(type, 10), rejections, out _));
        Assert.False(validator.TryValidate(With(Base(type, 11), (IntakeField.SourceRecordId, "R-0002")), rejections, out _));
        Assert.False(validator.TryValidate(
            With(Base(type, 12), (IntakeField.SourceRecordId, "R-0003"), (IntakeField.IdNumber, _id.ToLowerInvariant() + " ")), rejections, out _));

        Assert.All(rejections, r =>
        {
            Assert.Equal(("idNumber", "duplicate-in-file"), (r.Field, r.Code));
            Assert.Equal("身份证号与第 10 行重复", r.Zh);
            Assert.Contains("row 10", r.En, StringComparison.Ordinal);
        });
        Assert.Equal(2, rejections.Count);
    }

    [Fact]
    public void ARepeatedRecordIsReportedOnceNotAlsoAsARepeatedIdNumber()
    {
        var validator = Validator(RecordType.HouseholdRegistration);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(RecordType.HouseholdRegistration, 2), rejections, out _));
        Assert.False(validator.TryValidate(Base(RecordType.HouseholdRegistration, 3), rejections, out _));

        var rejection = Assert.Single(rejections);
        Assert.Equal("sourceRecordId", rejection.Field);
    }

    [Fact]
    public void ZeroBasedBatchPositionsAreTrackedLikeRowNumbers()
    {
        var validator = Validator(RecordType.ManualEntry);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(RecordType.ManualEntry, 0), rejections, out _));
        Assert.False(validator.TryValidate(With(Base(RecordType.ManualEntry, 1), (IntakeField.SourceRecordId, "R-0002")), rejections, out _));

        var rejection = Assert.Single(rejections);
        Assert.Equal(("idNumber", "身份证号与第 0 行重复"), (rejection.Field, rejection.Zh));
    }

    [Theory]
    [InlineData(nameof(RecordType.CaseReport))]
    [InlineData(nameof(RecordType.FeverClinicVisit))]
    [InlineData(nameof(RecordType.CivilAffairsList))]
    public void FlagRecordsMayNameTheSamePersonTwice(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        // Two fever-clinic visits, or a person on two civil-affairs lists, are two records about one person.
        var validator = Validator(type);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(type, 2), rejections, out _));
        Assert.True(validator.TryValidate(With(Base(type, 3), (IntakeField.SourceRecordId, "R-0002")), rejections, out _));

        Assert.Empty(rejections);
    }

    [Theory]
    [InlineData(nameof(RecordType.HouseholdRegistration))]
    [InlineData(nameof(RecordType.ManualEntry))]
    public void TwinsAreNotDuplicates(string typeName)
    {
        var type = Enum.Parse<RecordType>(typeName);

        var validator = Validator(type);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(With(Base(type, 2), (IntakeField.BirthDate, "1985-03-12")), rejections, out var brother));
        Assert.True(validator.TryValidate(
            With(Base(type, 3), (IntakeField.SourceRecordId, "R-0002"), (IntakeField.IdNumber, _twinId), (IntakeField.BirthDate, "1985-03-12")),
            rejections, out var sister));

        Assert.Empty(rejections);
        Assert.Equal(brother!.BirthDate, sister!.BirthDate);
        Assert.Equal((Sex.Male, Sex.Female), (brother.Sex, sister.Sex));
    }

    [Fact]
    public void ARejectedRowClaimsNothingSoItsCorrectedCopyIsTaken()
    {
        var validator = Validator(RecordType.HouseholdRegistration);
        var rejections = new List<Rejection>();

        Assert.False(validator.TryValidate(With(Base(RecordType.HouseholdRegistration, 2), (IntakeField.Phone, "bad")), rejections, out _));
        Assert.True(validator.TryValidate(Base(RecordType.HouseholdRegistration, 3), rejections, out _));
        Assert.False(validator.TryValidate(Base(RecordType.HouseholdRegistration, 4), rejections, out _));

        Assert.Equal([("phone", 2L), ("sourceRecordId", 4L)], rejections.Select(r => (r.Field, r.RowNumber)));
        Assert.Contains("row 3", rejections[1].En, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateIsReportedAlongsideTheRowsOtherProblems()
    {
        var validator = Validator(RecordType.HouseholdRegistration);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(Base(RecordType.HouseholdRegistration, 2), rejections, out _));
        Assert.False(validator.TryValidate(With(Base(RecordType.HouseholdRegistration, 3), (IntakeField.Name, "<x>")), rejections, out _));

        Assert.Equal([("name", "bad-name"), ("sourceRecordId", "duplicate-in-file")], rejections.Select(r => (r.Field, r.Code)));
    }

    [Fact]
    public void SourceRecordIdsAreComparedExactly()
    {
        var validator = Validator(RecordType.CaseReport);
        var rejections = new List<Rejection>();

        Assert.True(validator.TryValidate(With(Base(RecordType.CaseReport, 2), (IntakeField.SourceRecordId, "abc")), rejections, out _));
        Assert.True(validator.TryValidate(With(Base(RecordType.CaseReport, 3), (IntakeField.SourceRecordId, "ABC")), rejections, out _));
        Assert.False(validator.TryValidate(With(Base(RecordType.CaseReport, 4), (IntakeField.SourceRecordId, " abc ")), rejections, out _));

        Assert.Equal(4, Assert.Single(rejections).RowNumber);
    }

    [Fact]
    public void TrackerFindsEveryKeyAfterGrowingAndKeepsTheFirstRow()
    {
        var tracker = new DuplicateTracker();
        var birth = new DateOnly(1960, 1, 1);
        for (var i = 0; i < 50_000; i++)
        {
            var id = ResidentIdentityNumber.Create("420116", birth.AddDays(i / 999), (i % 999) + 1);
            tracker.Claim(i.ToString(CultureInfo.InvariantCulture), id, i + 2);
        }

        tracker.Claim("0", null, 999_999);

        Assert.Equal(50_000, tracker.RecordIdCount);
        Assert.Equal(50_000, tracker.IdNumberCount);
        for (var i = 0; i < 50_000; i += 7)
        {
            var id = ResidentIdentityNumber.Create("420116", birth.AddDays(i / 999), (i % 999) + 1);
            Assert.True(tracker.TryFindRecordId(i.ToString(CultureInfo.InvariantCulture), out var byRecord));
            Assert.True(tracker.TryFindIdNumber(id, out var byId));
            Assert.Equal((i + 2L, i + 2L), (byRecord, byId));
        }

        Assert.False(tracker.TryFindRecordId("50000", out _));
        Assert.False(tracker.TryFindIdNumber(_id, out _));

        // 12 bytes a slot, tables at most 75% full: two tables of 2^17 slots here.
        Assert.Equal(2L * (1 << 17) * 12, tracker.AllocatedBytes);
    }

    [Fact]
    public void TrackerSizedUpFrontDoesNotGrow()
    {
        var tracker = new DuplicateTracker(expectedRecordIds: 1_151_644, expectedIdNumbers: 1_151_644);
        var before = tracker.AllocatedBytes;

        Span<char> buffer = stackalloc char[16];
        for (var i = 0; i < 1_151_644; i++)
        {
            i.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
            tracker.Claim(buffer[..written], null, i + 2);
        }

        // Two tables of 2^21 slots at 12 bytes: 50.3 MB for a whole district's file.
        Assert.Equal(1_151_644, tracker.RecordIdCount);
        Assert.Equal(before, tracker.AllocatedBytes);
        Assert.Equal(2L * (1 << 21) * 12, tracker.AllocatedBytes);
    }

    [Fact]
    public void ValidatorSizesTheIdNumberTableOnlyForPersonRegisters()
    {
        bool Any(string code) => true;

        var register = new RecordValidator(RecordType.HouseholdRegistration, _today, Any, Any, expectedRows: 1_151_644);
        var cases = new RecordValidator(RecordType.CaseReport, _today, Any, Any, expectedRows: 1_151_644);

        Assert.Equal(2L * (1 << 21) * 12, register.Duplicates.AllocatedBytes);
        Assert.Equal(((1L << 21) + 16) * 12, cases.Duplicates.AllocatedBytes);
    }

    [Fact]
    public void IdNumberKeysAreExactAndRecordIdHashesStable()
    {
        Assert.Equal(42011619850312123L, DuplicateTracker.IdNumberKey("42011619850312123X"));
        Assert.NotEqual(DuplicateTracker.IdNumberKey(_id), DuplicateTracker.IdNumberKey(_twinId));

        // Pinned so the hash cannot quietly start depending on the process, as string.GetHashCode does.
        Assert.Equal(-7160610219483255062L, DuplicateTracker.HashRecordId(""));
        Assert.Equal(-5322327008774599026L, DuplicateTracker.HashRecordId("R-0001"));
        Assert.Equal(-95787893663222715L, DuplicateTracker.HashRecordId("3f2504e0-4f89-11d3-9a0c-0305e82c3301"));
        Assert.NotEqual(DuplicateTracker.HashRecordId("a"), DuplicateTracker.HashRecordId("a\0"));
        Assert.NotEqual(DuplicateTracker.HashRecordId("ab"), DuplicateTracker.HashRecordId("ba"));
    }

    // ---- the generator's own files ----

    [Fact]
    public void AFileWrittenByPopulationCsvValidatesWithoutRejections()
    {
        var communities = Enumerable.Range(1, 6)
            .Select(c => new CommunitySlot(
                string.Create(CultureInfo.InvariantCulture, $"420116001{c:000}"), "420116001", $"第{c}社区", "前川街道", IsVillage: c > 3))
            .ToList();
        var people = new PopulationGenerator(11).Generate(communities, 3_000, _today).SelectMany(h => h.Members).ToList();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        PopulationCsv.WriteHeader(writer);
        foreach (var person in people)
        {
            PopulationCsv.WriteRow(writer, person);
        }

        var rows = ReadPopulationCsv(writer.ToString());
        var known = communities.Select(c => c.CommunityCode).ToHashSet(StringComparer.Ordinal);
        var validator = new RecordValidator(RecordType.HouseholdRegistration, _today, known.Contains, known.Contains, rows.Count);
        var rejections = new List<Rejection>();
        var records = new List<IntakeRecord>();
        foreach (var row in rows)
        {
            if (validator.TryValidate(row, rejections, out var record))
            {
                records.Add(record);
            }
        }

        Assert.Empty(rejections);
        Assert.Equal(people.Count, records.Count);
        for (var i = 0; i < people.Count; i++)
        {
            var (p, r) = (people[i], records[i]);
            Assert.Equal(i + 2, r.RowNumber);
            Assert.Equal(p.Id.ToString(), r.SourceRecordId);
            Assert.Equal(p.HouseholdId.ToString(), r.HouseholdKey);
            Assert.Equal(
                (p.IdNumber, p.Name, p.Sex, p.BirthDate, p.Phone, p.Address, p.CommunityCode, p.Relation),
                (r.IdNumber, r.Name, r.Sex!.Value, r.BirthDate!.Value, r.Phone, r.Address, r.CommunityCode, r.Relation!.Value));
        }
    }

    // ---- labels ----

    [Fact]
    public void EveryFieldHasADistinctChineseLabelAndACamelCaseName()
    {
        var fields = Enum.GetValues<IntakeField>();

        Assert.Equal(fields.Length, fields.Select(RecordValidator.FieldLabelZh).Distinct().Count());
        Assert.All(fields, f => Assert.False(string.IsNullOrWhiteSpace(RecordValidator.FieldLabelZh(f))));
        Assert.Equal("sourceRecordId", RecordValidator.FieldName(IntakeField.SourceRecordId));
        Assert.Equal("idNumber", RecordValidator.FieldName(IntakeField.IdNumber));
        Assert.Equal("communityCode", RecordValidator.FieldName(IntakeField.CommunityCode));
        Assert.Equal("身份证号", RecordValidator.FieldLabelZh(IntakeField.IdNumber));
    }

    // ---- helpers ----

    private static RecordValidator Validator(RecordType type) =>
        new(type, _today, code => code is _community or _otherStreetCommunity, code => code == _community);

    private static (IntakeRecord? Record, List<Rejection> Rejections) Check(RecordType type, RawRow row)
    {
        var rejections = new List<Rejection>();
        var ok = Validator(type).TryValidate(row, rejections, out var record);
        Assert.Equal(ok, record is not null);
        Assert.Equal(ok, rejections.Count == 0);
        return (record, rejections);
    }

    private static RawRow Base(RecordType type, long rowNumber = 2) => type switch
    {
        RecordType.HouseholdRegistration or RecordType.ManualEntry => Row(
            rowNumber,
            (IntakeField.SourceRecordId, "R-0001"), (IntakeField.IdNumber, _id), (IntakeField.Name, "张伟"),
            (IntakeField.Address, "前川街道百秀街1号"), (IntakeField.CommunityCode, _community)),
        RecordType.CaseReport => Row(
            rowNumber,
            (IntakeField.SourceRecordId, "R-0001"), (IntakeField.IdNumber, _id), (IntakeField.Name, "张伟"),
            (IntakeField.Category, "确诊"), (IntakeField.EventDate, "2025-10-30")),
        RecordType.FeverClinicVisit => Row(
            rowNumber,
            (IntakeField.SourceRecordId, "R-0001"), (IntakeField.IdNumber, _id), (IntakeField.Name, "张伟"),
            (IntakeField.EventDate, "2025-10-30")),
        RecordType.CivilAffairsList => Row(
            rowNumber,
            (IntakeField.SourceRecordId, "R-0001"), (IntakeField.IdNumber, _id), (IntakeField.Name, "张伟"),
            (IntakeField.Category, "独居老人"), (IntakeField.CommunityCode, _community)),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    private static RawRow NoId(RecordType type, params (IntakeField Field, string? Value)[] values) =>
        With(With(Base(type), (IntakeField.IdNumber, null)), values);

    private static RawRow Row(long rowNumber, params (IntakeField Field, string? Value)[] values) =>
        With(new RawRow(rowNumber, new string?[RawRow.FieldCount]), values);

    private static RawRow With(RawRow row, params (IntakeField Field, string? Value)[] values)
    {
        var cells = (string?[])row.Values.Clone();
        foreach (var (field, value) in values)
        {
            cells[(int)field] = value;
        }

        return row with { Values = cells };
    }

    // Maps the generator's columns as the intake mapping step would; street_code has no intake field.
    private static List<RawRow> ReadPopulationCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(PopulationCsv.Header, lines[0]);
        var map = new IntakeField?[]
        {
            IntakeField.SourceRecordId, IntakeField.HouseholdKey, IntakeField.IdNumber, IntakeField.Name, IntakeField.Sex,
            IntakeField.BirthDate, IntakeField.Phone, IntakeField.Address, IntakeField.CommunityCode, null, IntakeField.Relation,
        };
        var rows = new List<RawRow>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = lines[i].Split(',');
            var values = new string?[RawRow.FieldCount];
            for (var c = 0; c < map.Length; c++)
            {
                if (map[c] is { } field)
                {
                    values[(int)field] = cells[c].Length == 0 ? null : cells[c];
                }
            }

            rows.Add(new RawRow(i + 1, values));
        }

        return rows;
    }
}
