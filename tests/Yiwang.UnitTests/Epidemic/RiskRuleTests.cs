using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Epidemic.Domain;
using Yiwang.Epidemic.Features.Risk;

namespace Yiwang.UnitTests.Epidemic;

/// <summary>The risk rule's thresholds and window, as COVID-19 configures them.</summary>
public sealed class RiskRuleTests
{
    [Theory]
    [InlineData(0, "Low")]
    [InlineData(1, "Medium")]
    [InlineData(9, "Medium")]
    [InlineData(10, "High")]
    [InlineData(250, "High")]
    public void Covid19_grades_by_confirmed_records_in_the_window(int count, string expected)
    {
        Assert.Equal(expected, RiskGrader.Level(Covid19.Definition.Risk, count).ToString());
    }

    [Fact]
    public void The_window_is_whole_district_days_ending_with_the_date()
    {
        var (from, to) = RiskGrader.Window(new DateOnly(2026, 11, 27), 14);
        // District days start at midnight in Asia/Shanghai (UTC+8): 14 days = 11-14 00:00 to 11-28 00:00 local.
        Assert.Equal(new DateTimeOffset(2026, 11, 13, 16, 0, 0, TimeSpan.Zero), from);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero), to);
        Assert.Equal(TimeSpan.FromDays(14), to - from);
    }

    [Fact]
    public void A_rule_with_its_own_thresholds_is_configuration()
    {
        var rule = new RiskRule(WindowDays: 7, MediumAt: 3, HighAt: 5, CountCategory: CaseCategory.Suspected);
        Assert.Equal(RiskLevel.Low, RiskGrader.Level(rule, 2));
        Assert.Equal(RiskLevel.Medium, RiskGrader.Level(rule, 3));
        Assert.Equal(RiskLevel.High, RiskGrader.Level(rule, 5));
    }
}
