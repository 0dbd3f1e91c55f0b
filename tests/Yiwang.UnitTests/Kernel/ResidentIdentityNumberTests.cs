using Yiwang.Kernel.Identity;

namespace Yiwang.UnitTests.Kernel;

public sealed class ResidentIdentityNumberTests
{
    private static readonly DateOnly _today = new(2025, 11, 1);

    [Theory]
    [InlineData("11010519491231002X", 1949, 12, 31, Sex.Female)] // The example printed in GB 11643-1999.
    [InlineData("420116199005171235", 1990, 5, 17, Sex.Male)]
    [InlineData("420116200002290023", 2000, 2, 29, Sex.Female)]
    public void ValidateAcceptsKnownGoodNumbers(string value, int year, int month, int day, Sex sex)
    {
        var check = ResidentIdentityNumber.Validate(value, _today);

        Assert.True(check.IsValid);
        Assert.Equal(IdNumberError.None, check.Error);
        Assert.Equal(value, check.Normalized);
        Assert.Equal(new DateOnly(year, month, day), check.BirthDate);
        Assert.Equal(sex, check.Sex);
    }

    [Fact]
    public void ValidateTrimsAndUpperCasesTheCheckCharacter()
    {
        var check = ResidentIdentityNumber.Validate("  11010519491231002x\t", _today);

        Assert.True(check.IsValid);
        Assert.Equal("11010519491231002X", check.Normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ValidateReportsMissing(string? value) => AssertError(IdNumberError.Missing, value);

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("11010519491231002")]
    [InlineData("11010519491231002X1")]
    [InlineData("110105491231002")] // A legacy 15-digit number is no longer accepted.
    public void ValidateReportsWrongLength(string value) => AssertError(IdNumberError.WrongLength, value);

    [Theory]
    [InlineData("1101051949123100AX")]
    [InlineData("11010519491231002Y")]
    [InlineData("X10105194912310021")]
    [InlineData("110105 94912310021")]
    [InlineData("１10105194912310021")] // A full-width digit pasted from a document.
    public void ValidateReportsBadCharacters(string value) => AssertError(IdNumberError.BadCharacters, value);

    [Fact]
    public void ValidateReportsSequenceZeroAsBadCharacters() =>
        AssertError(IdNumberError.BadCharacters, WithCheckCharacter("42011619900517000"));

    [Theory]
    [InlineData("00000019900517123")]
    [InlineData("02011619900517123")]
    [InlineData("92011619900517123")]
    public void ValidateReportsBadRegion(string first17) => AssertError(IdNumberError.BadRegion, WithCheckCharacter(first17));

    [Theory]
    [InlineData("42011619900230123")]
    [InlineData("42011619901301123")]
    [InlineData("42011619900001123")]
    [InlineData("42011619900100123")]
    [InlineData("42011619010229123")] // 1901 is not a leap year.
    [InlineData("42011618991231123")]
    [InlineData("44052418800101001")] // The standard's own 1880 example predates the supported range.
    public void ValidateReportsBadBirthDate(string first17) => AssertError(IdNumberError.BadBirthDate, WithCheckCharacter(first17));

    [Fact]
    public void ValidateAcceptsABirthDateOfToday() =>
        Assert.True(ResidentIdentityNumber.Validate(WithCheckCharacter("42011620251101123"), _today).IsValid);

    [Fact]
    public void ValidateReportsFutureBirthDate() =>
        AssertError(IdNumberError.FutureBirthDate, WithCheckCharacter("42011620251102123"));

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("420116199005171230")]
    [InlineData("42011619900517123X")]
    public void ValidateReportsBadCheckCharacter(string value) => AssertError(IdNumberError.BadCheckCharacter, value);

    [Fact]
    public void ValidateRunsTheChecksInTheDocumentedOrder()
    {
        // Each number breaks two rules; only the earlier one is reported.
        AssertError(IdNumberError.BadCharacters, "0201161990023000AX");
        AssertError(IdNumberError.BadRegion, "020116199002301231");
        AssertError(IdNumberError.BadBirthDate, "420116203002301231");
        AssertError(IdNumberError.FutureBirthDate, "420116203001011231");
    }

    [Fact]
    public void InvalidResultsCarryNoData()
    {
        var check = ResidentIdentityNumber.Validate("110105194912310021", _today);

        Assert.False(check.IsValid);
        Assert.Null(check.Normalized);
        Assert.Null(check.BirthDate);
        Assert.Null(check.Sex);
    }

    [Fact]
    public void DescribeGivesABilingualMessageForEveryError()
    {
        foreach (var error in Enum.GetValues<IdNumberError>())
        {
            var message = ResidentIdentityNumber.Describe(error);
            var parts = message.Split(" / ");

            Assert.Equal(2, parts.Length);
            Assert.Contains("身份证号", parts[0], StringComparison.Ordinal);
            Assert.Contains("identity number", parts[1], StringComparison.Ordinal);
        }

        Assert.Equal(
            "身份证号校验位错误 / The identity number's check character is wrong",
            ResidentIdentityNumber.Describe(IdNumberError.BadCheckCharacter));
    }

    [Fact]
    public void DescribeRejectsUnknownValues() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdentityNumber.Describe((IdNumberError)99));

    [Theory]
    [InlineData("11010519491231002", 'X')]
    [InlineData("44052418800101001", '4')]
    [InlineData("42011619900517123", '5')]
    public void ComputeCheckCharacterFollowsIso7064(string first17, char expected) =>
        Assert.Equal(expected, ResidentIdentityNumber.ComputeCheckCharacter(first17));

    [Theory]
    [InlineData("1101051949123100")]
    [InlineData("110105194912310021")]
    [InlineData("1101051949123100A")]
    public void ComputeCheckCharacterRejectsAnythingButSeventeenDigits(string input) =>
        Assert.Throws<ArgumentException>(() => ResidentIdentityNumber.ComputeCheckCharacter(input));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(123)]
    [InlineData(998)]
    [InlineData(999)]
    public void CreateRoundTripsThroughValidate(int sequence)
    {
        var birthDate = new DateOnly(1990, 5, 17);

        var number = ResidentIdentityNumber.Create("420116", birthDate, sequence);
        var check = ResidentIdentityNumber.Validate(number, _today);

        Assert.True(check.IsValid);
        Assert.Equal(number, check.Normalized);
        Assert.StartsWith("42011619900517", number, StringComparison.Ordinal);
        Assert.Equal(sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture), number[14..17]);
        Assert.Equal(birthDate, check.BirthDate);
        Assert.Equal(sequence % 2 == 1 ? Sex.Male : Sex.Female, check.Sex);
        Assert.Equal(check.Sex, ResidentIdentityNumber.SexOf(number));
    }

    [Fact]
    public void CreateMatchesTheStandardsExample() =>
        Assert.Equal("11010519491231002X", ResidentIdentityNumber.Create("110105", new DateOnly(1949, 12, 31), 2));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void CreateRejectsSequencesOutsideOneTo999(int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdentityNumber.Create("420116", new DateOnly(1990, 5, 17), sequence));

    [Fact]
    public void CreateRejectsBirthDatesBefore1900() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidentIdentityNumber.Create("420116", new DateOnly(1899, 12, 31), 1));

    [Theory]
    [InlineData("42011")]
    [InlineData("4201160")]
    [InlineData("42011A")]
    [InlineData("020116")]
    [InlineData("920116")]
    public void CreateRejectsMalformedRegionCodes(string regionCode) =>
        Assert.Throws<ArgumentException>(() => ResidentIdentityNumber.Create(regionCode, new DateOnly(1990, 5, 17), 1));

    [Theory]
    [InlineData("420116199005171235", Sex.Male)]
    [InlineData("11010519491231002X", Sex.Female)]
    public void SexOfReadsTheSequenceParity(string number, Sex expected) =>
        Assert.Equal(expected, ResidentIdentityNumber.SexOf(number));

    [Fact]
    public void SexOfRejectsSomethingThatIsNotANumber() =>
        Assert.Throws<ArgumentException>(() => ResidentIdentityNumber.SexOf("42011619900517"));

    private static string WithCheckCharacter(string first17) =>
        first17 + ResidentIdentityNumber.ComputeCheckCharacter(first17);

    private static void AssertError(IdNumberError expected, string? value)
    {
        var check = ResidentIdentityNumber.Validate(value, _today);

        Assert.Equal(expected, check.Error);
        Assert.False(check.IsValid);
    }
}
