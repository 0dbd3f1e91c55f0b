using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Yiwang.Kernel.Time;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>What the citizen pages' plain HTML forms need: posted fields, refusals as text (per field too), district times.</summary>
internal static class CitizenForm
{
    public static string? Field(HttpContext? http, string name) =>
        http?.Request.HasFormContentType == true && http.Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    public static IReadOnlyList<string> Fields(HttpContext? http, string name) =>
        http?.Request.HasFormContentType == true && http.Request.Form.TryGetValue(name, out var v) ? [.. v.Where(s => s is not null).Select(s => s!)] : [];

    public static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The refusal's general sentence (null for a success).</summary>
    public static string? Refusal(IResult result) => result switch
    {
        ValidationProblem v => v.ProblemDetails.Detail,
        ProblemHttpResult p => p.ProblemDetails.Detail,
        _ => null,
    };

    /// <summary>Field errors of a validation refusal, by field name (empty for anything else).</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(IResult result) =>
        result is ValidationProblem v ? v.ProblemDetails.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string[]>();

    /// <summary>The part of a bilingual "中文 / English" message in the page's language.</summary>
    public static string Local(string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return "";
        }

        var parts = message.Split(" / ", 2);
        return parts.Length < 2 ? message : English ? parts[1] : parts[0];
    }

    public static string Show(DateTimeOffset? at) =>
        at is { } t ? Yiwang.Kernel.Time.DistrictTime.Show(t) : "";

    public static string ShowSeconds(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, DistrictTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
}
