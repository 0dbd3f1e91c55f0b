using Yiwang.Epidemic.Localization;
using Yiwang.Kernel.Web;

namespace Yiwang.Epidemic.Features.Monitoring;

/// <summary>What a daily health check must look like, and when it is abnormal.</summary>
internal static class HealthCheckRules
{
    /// <summary>Below this a reading is a thermometer or typing error, not a person.</summary>
    public const decimal MinTemperature = 34.0m;

    public const decimal MaxTemperature = 43.0m;

    /// <summary>37.3 °C: the fever line of China's COVID-19 protocols (发热: 腋温 ≥ 37.3 ℃).</summary>
    public const decimal AbnormalAt = 37.3m;

    /// <summary>A check may be entered late (a worker catching up) but not for more than this long ago.</summary>
    public static readonly TimeSpan MaxBackdating = TimeSpan.FromDays(3);

    internal sealed record Symptoms(bool Cough, bool Fever, bool Fatigue, bool SoreThroat, bool LossOfTasteOrSmell, string? Other);

    public static bool IsAbnormal(decimal temperature) => temperature >= AbnormalAt;

    /// <summary>One decimal place, as a thermometer shows it.</summary>
    public static decimal Normalize(decimal temperature) => decimal.Round(temperature, 1, MidpointRounding.AwayFromZero);

    /// <summary>Adds every problem with a reading to <paramref name="errors"/>; nothing is saved when there is one.</summary>
    public static void Validate(decimal? temperature, Symptoms symptoms, DateTimeOffset? at, DateTimeOffset now, FieldErrors errors)
    {
        if (temperature is not { } t)
        {
            errors.Add("temperature", EpidemicText.Of("Field.TemperatureRequired"));
        }
        else if (t is < MinTemperature or > MaxTemperature)
        {
            errors.Add("temperature", EpidemicText.Of("Field.TemperatureRange", MinTemperature, MaxTemperature, t));
        }

        errors.PlainText("other", symptoms.Other, 200, required: false);
        if (at is { } when)
        {
            if (when > now.AddMinutes(5))
            {
                errors.Add("at", EpidemicText.Of("Field.AtInFuture"));
            }
            else if (when < now - MaxBackdating)
            {
                errors.Add("at", EpidemicText.Of("Field.AtTooOld"));
            }
        }
    }

    /// <summary>The symptoms as stable tokens (API, lists).</summary>
    public static IReadOnlyList<string> Tokens(bool cough, bool fever, bool fatigue, bool soreThroat, bool lossOfTasteOrSmell)
    {
        var list = new List<string>(5);
        if (cough)
        {
            list.Add("cough");
        }

        if (fever)
        {
            list.Add("fever");
        }

        if (fatigue)
        {
            list.Add("fatigue");
        }

        if (soreThroat)
        {
            list.Add("sore-throat");
        }

        if (lossOfTasteOrSmell)
        {
            list.Add("loss-of-taste-or-smell");
        }

        return list;
    }
}
