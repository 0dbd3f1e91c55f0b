using System.Text.RegularExpressions;

namespace Yiwang.Kernel.Web;

/// <summary>Collects field errors for a ValidationProblem; shared text checks for free-text fields.</summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string zh, string en)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add($"{zh} / {en}");
    }

    /// <summary>Plain text only: no markup, no control characters, within a length. Stored text is never HTML.</summary>
    public void PlainText(string field, string? value, int maxLength, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "必填", "Required");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"不能超过 {maxLength} 个字符", $"At most {maxLength} characters");
        }

        if (MarkupOrControl().IsMatch(value))
        {
            Add(field, "不能包含尖括号或控制字符", "Must not contain angle brackets or control characters");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

    [GeneratedRegex(@"[<>\p{Cc}]")]
    private static partial Regex MarkupOrControl();
}
