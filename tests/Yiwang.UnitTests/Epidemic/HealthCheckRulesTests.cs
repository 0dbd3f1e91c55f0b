using Yiwang.Epidemic.Features.Monitoring;
using Yiwang.Kernel.Web;

namespace Yiwang.UnitTests.Epidemic;

public sealed class HealthCheckRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);
    private static readonly HealthCheckRules.Symptoms None = new(false, false, false, false, false, null);

    private static Dictionary<string, string[]> Errors(decimal? temperature, HealthCheckRules.Symptoms? symptoms = null, DateTimeOffset? at = null)
    {
        var errors = new FieldErrors();
        HealthCheckRules.Validate(temperature, symptoms ?? None, at, Now, errors);
        return errors.ToRefusal().Fields.ToDictionary(f => f.Key, f => f.Value.Select(t => t.Bilingual()).ToArray());
    }

    [Theory]
    [InlineData("34.0")]
    [InlineData("36.5")]
    [InlineData("43.0")]
    public void Readings_inside_34_to_43_degrees_are_accepted(string value) =>
        Assert.Empty(Errors(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("33.9")]
    [InlineData("43.1")]
    [InlineData("0")]
    [InlineData("98.6")]
    public void Readings_outside_34_to_43_degrees_are_refused_in_both_languages(string value)
    {
        var errors = Errors(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        var message = Assert.Single(Assert.Contains("temperature", errors));
        Assert.Contains("体温须在 34.0–43.0", message);
        Assert.Contains("must be 34.0–43.0 °C", message);
    }

    [Fact]
    public void A_missing_temperature_is_refused() => Assert.Contains("temperature", Errors(null));

    [Theory]
    [InlineData("37.2", false)]
    [InlineData("37.3", true)]
    [InlineData("39.0", true)]
    [InlineData("35.8", false)]
    public void From_37_3_degrees_a_check_is_abnormal(string value, bool abnormal) =>
        Assert.Equal(abnormal, HealthCheckRules.IsAbnormal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Readings_keep_one_decimal_rounding_half_away_from_zero()
    {
        Assert.Equal(37.3m, HealthCheckRules.Normalize(37.25m));
        Assert.Equal(37.2m, HealthCheckRules.Normalize(37.24m));
        Assert.True(HealthCheckRules.IsAbnormal(HealthCheckRules.Normalize(37.25m)));
    }

    [Fact]
    public void Readings_in_the_future_or_more_than_three_days_old_are_refused()
    {
        Assert.Contains("at", Errors(36.5m, at: Now.AddMinutes(30)));
        Assert.Contains("at", Errors(36.5m, at: Now.AddDays(-3).AddMinutes(-1)));
        Assert.Empty(Errors(36.5m, at: Now.AddMinutes(4)));
        Assert.Empty(Errors(36.5m, at: Now.AddDays(-2)));
    }

    [Fact]
    public void Other_symptoms_are_plain_text_of_200_characters_at_most()
    {
        Assert.Empty(Errors(36.5m, None with { Other = "头痛、腹泻" }));
        Assert.Contains("other", Errors(36.5m, None with { Other = "<img src=x>" }));
        Assert.Contains("other", Errors(36.5m, None with { Other = new string('咳', 201) }));
    }

    [Fact]
    public void Symptoms_are_listed_as_stable_tokens()
    {
        Assert.Empty(HealthCheckRules.Tokens(false, false, false, false, false));
        Assert.Equal(["cough", "fever", "fatigue", "sore-throat", "loss-of-taste-or-smell"], HealthCheckRules.Tokens(true, true, true, true, true));
    }

    [Fact]
    public void A_district_day_starts_at_16_00_UTC_the_day_before()
    {
        var day = new DateOnly(2026, 11, 27);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero), MonitoredCases.StartUtc(day));
        Assert.Equal(day, MonitoredCases.DateOf(new DateTimeOffset(2026, 11, 26, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(day.AddDays(-1), MonitoredCases.DateOf(new DateTimeOffset(2026, 11, 26, 15, 59, 59, TimeSpan.Zero)));
    }
}
