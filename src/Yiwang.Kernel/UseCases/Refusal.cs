using Yiwang.Kernel.Localization;

namespace Yiwang.Kernel.UseCases;

/// <summary>
/// Why a use case did nothing: an HTTP status, a stable code clients depend on, the reason as <see cref="Text"/>, and,
/// for bad input, the fields at fault. The one refusal type of Yiwang; <see cref="Web.Problems.From"/> is the one
/// mapping to RFC 9457 ProblemDetails.
/// </summary>
public sealed record Refusal(int Status, string Code, Text Message)
{
    /// <summary>Field errors (400 "invalid"), by field name; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Text>> Fields { get; init; } = new Dictionary<string, IReadOnlyList<Text>>();

    public static Refusal NotFound(Text message) => new(404, "not-found", message);

    public static Refusal Forbidden(Text message) => new(403, "forbidden", message);

    public static Refusal Conflict(Text message, string code = "conflict") => new(409, code, message);

    public static Refusal BadRequest(Text message, string code) => new(400, code, message);

    public static Refusal Invalid(IReadOnlyDictionary<string, IReadOnlyList<Text>> fields) =>
        new(400, "invalid", new Text(typeof(UiText), "Problem.Invalid")) { Fields = fields };

    /// <summary>What a page shows: the reason in the reader's language, or the field errors one after another.</summary>
    public string Describe(System.Globalization.CultureInfo culture) => Fields.Count == 0
        ? Message.Render(culture)
        : string.Join(" ", Fields.SelectMany(f => f.Value).Select(t => t.Render(culture)));

    public override string ToString() => Describe(System.Globalization.CultureInfo.CurrentUICulture);
}
