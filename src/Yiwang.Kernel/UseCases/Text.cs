using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;

namespace Yiwang.Kernel.UseCases;

/// <summary>
/// Words for a person, kept as a resource key and its values until shown: a page renders it in the reader's language,
/// a ProblemDetails in both (zh-CN first). <paramref name="Resources"/> is the module's marker type whose
/// <c>.resx</c> (Chinese) and <c>.en.resx</c> (English) hold the key.
/// </summary>
public sealed record Text(Type Resources, string Key, params object?[] Args)
{
    public static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly ConcurrentDictionary<Type, ResourceManager> _managers = new();

    public string Render(CultureInfo culture)
    {
        var manager = _managers.GetOrAdd(Resources, t => new ResourceManager(t.FullName!, t.Assembly));
        var format = manager.GetString(Key, culture)
            ?? throw new InvalidOperationException($"{Resources.FullName} has no text '{Key}'");
        // A Text among the values (an item's name inside a sentence) is rendered in the same language.
        return Args.Length == 0 ? format : string.Format(culture, format, [.. Args.Select(a => a is Text t ? t.Render(culture) : a)]);
    }

    /// <summary>"中文 / English": the shape of every ProblemDetails detail, for Chinese UIs, English clients and logs alike.</summary>
    public string Bilingual() => $"{Render(Chinese)} / {Render(English)}";

    public override string ToString() => Render(CultureInfo.CurrentUICulture);
}
