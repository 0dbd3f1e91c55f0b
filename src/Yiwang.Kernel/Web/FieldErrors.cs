using System.Text.RegularExpressions;
using Yiwang.Kernel.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Kernel.Web;

/// <summary>Collects field errors for a 400 "invalid" <see cref="Refusal"/>; shared checks for free-text fields.</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<Text>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, Text message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>The kernel's "必填 / Required".</summary>
    public void Required(string field) => Add(field, new Text(typeof(UiText), "Field.Required"));

    /// <summary>Plain text only: no markup, no control characters, within a length. Stored text is never HTML.</summary>
    public void PlainText(string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Required(field);
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, new Text(typeof(UiText), "Field.MaxLength", maxLength));
        }

        if (MarkupOrControl().IsMatch(value))
        {
            Add(field, new Text(typeof(UiText), "Field.MarkupOrControl"));
        }
    }

    public Refusal ToRefusal() => Refusal.Invalid(_errors.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<Text>)kv.Value));

    [GeneratedRegex(@"[<>\p{Cc}]")]
    private static partial Regex MarkupOrControl();
}
