using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;

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

    /// <summary>The refusal's general sentence in the page's language (null for a success).</summary>
    public static string? Message(Refusal? refusal) => refusal?.Message.ToString();

    /// <summary>Field errors of a refusal in the page's language, by field name (empty for anything else).</summary>
    public static IReadOnlyDictionary<string, string[]> Errors(Refusal? refusal) =>
        refusal is null
            ? new Dictionary<string, string[]>()
            : refusal.Fields.ToDictionary(f => f.Key, f => f.Value.Select(t => t.ToString()).ToArray(), StringComparer.OrdinalIgnoreCase);

    public static string Show(DateTimeOffset? at) =>
        at is { } t ? Yiwang.Kernel.Time.DistrictTime.Show(t) : "";

    public static string ShowSeconds(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, DistrictTime.Zone).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static bool English => CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
}
