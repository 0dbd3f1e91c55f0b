using System.Globalization;
using Microsoft.AspNetCore.Http;
using Yiwang.Kernel.Time;

namespace Yiwang.Command.Features;

/// <summary>What the pages' plain HTML forms need: reading posted fields and district times.</summary>
internal static class FormInput
{
    public static string? Field(HttpContext? http, string name) =>
        http?.Request.HasFormContentType == true && http.Request.Form.TryGetValue(name, out var v) ? v.ToString() : null;

    public static IReadOnlyList<string> Fields(HttpContext? http, string name) =>
        http?.Request.HasFormContentType == true && http.Request.Form.TryGetValue(name, out var v) ? [.. v.Where(s => s is not null).Select(s => s!)] : [];

    /// <summary>A datetime-local value ("2026-11-28T09:30") is district time; null when empty or unreadable.</summary>
    public static DateTimeOffset? DistrictDateTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return null;
        }

        return DistrictTime.FromLocal(local);
    }

    /// <summary>District time for display.</summary>
    public static string Show(DateTimeOffset? at) =>
        at is { } t ? DistrictTime.Show(t) : "";
}
