using System.Globalization;

namespace Yiwang.Kernel.Privacy;

/// <summary>Partial masking for lists, logs and exports (PIPL art. 51, GB/T 35273): records stay distinguishable.</summary>
public static class Masking
{
    private const char _mask = '*';

    // 复姓 stay whole (欧阳**): that is how people read them, and a surname alone identifies no one.
    private static readonly string[] _compoundSurnames =
    [
        "欧阳", "上官", "司马", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
        "夏侯", "轩辕", "令狐", "钟离", "端木", "独孤", "南宫", "西门", "百里", "呼延", "司空", "澹台",
    ];

    /// <summary>Keeps the region code and the last four characters: 420116********123X.</summary>
    public static string IdNumber(string? value) => KeepEnds(value, 6, 4);

    /// <summary>Keeps the carrier prefix and the last four digits: 138****5678.</summary>
    public static string Phone(string? value) => KeepEnds(value, 3, 4);

    /// <summary>张*, 李**, 欧阳**: a compound surname is kept whole only when a given name follows it.</summary>
    public static string Name(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        // Count text elements so a rare character outside the BMP becomes one star, not two.
        var firstLength = StringInfo.GetNextTextElementLength(value);
        if (value.Length > 2 && Array.Exists(_compoundSurnames, surname => value.StartsWith(surname, StringComparison.Ordinal)))
        {
            firstLength = 2;
        }

        var remaining = new StringInfo(value[firstLength..]).LengthInTextElements;
        return string.Create(firstLength + remaining, (value, firstLength), static (span, state) =>
        {
            state.value.AsSpan(0, state.firstLength).CopyTo(span);
            span[state.firstLength..].Fill(_mask);
        });
    }

    private static string KeepEnds(string? value, int head, int tail)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value.Length <= head + tail)
        {
            return new string(_mask, value.Length);
        }

        return string.Create(value.Length, (value, head, tail), static (span, state) =>
        {
            state.value.AsSpan().CopyTo(span);
            span[state.head..^state.tail].Fill(_mask);
        });
    }
}
