using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Kernel.Web;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Item names and shared refusals in both languages, for ProblemDetails (the pages use the resx files).</summary>
internal static class SupplyText
{
    public static string Zh(SupplyItem item, string name) => item switch
    {
        SupplyItem.Rice => "大米",
        SupplyItem.Oil => "食用油",
        SupplyItem.Vegetables => "蔬菜",
        SupplyItem.Masks => "口罩",
        SupplyItem.Medicine => $"药品（{name}）",
        _ => $"其他（{name}）",
    };

    public static string En(SupplyItem item, string name) => item switch
    {
        SupplyItem.Medicine => $"medicine ({name})",
        SupplyItem.Other => $"other ({name})",
        _ => item.ToString().ToLowerInvariant(),
    };

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InsufficientStock(Shortfall s, string unitName) =>
        Problems.Status(409,
            $"{unitName}（{s.UnitCode}）的{Zh(s.Item, s.Name)}库存为 {s.Available}，不足 {s.Needed}，未做任何更改",
            $"{unitName} ({s.UnitCode}) holds {s.Available} of {En(s.Item, s.Name)}, less than {s.Needed}; nothing was changed",
            "insufficient-stock");

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Busy() =>
        Problems.Status(409, "库存正被他人同时修改，请重试", "The stock was being changed by someone else at the same time; try again", "concurrent-change");

    /// <summary>Parses a catalogue item ("masks", "Medicine"…), case-insensitive; numbers are not items.</summary>
    public static bool TryParseItem(string? text, out SupplyItem item)
    {
        item = default;
        return !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0])
            && Enum.TryParse(text.Trim(), ignoreCase: true, out item) && Enum.IsDefined(item);
    }
}
