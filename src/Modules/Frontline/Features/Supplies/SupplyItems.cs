using Yiwang.Frontline.Domain.Supplies;
using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Supplies;

/// <summary>Parsing catalogue items, and the refusals that name them.</summary>
internal static class SupplyItems
{
    /// <summary>Parses a catalogue item ("masks", "Medicine"…), case-insensitive; numbers are not items.</summary>
    public static bool TryParse(string? text, out SupplyItem item)
    {
        item = default;
        return !string.IsNullOrWhiteSpace(text) && !char.IsAsciiDigit(text.Trim()[0])
            && Enum.TryParse(text.Trim(), ignoreCase: true, out item) && Enum.IsDefined(item);
    }

    /// <summary>"口罩", "药品（布洛芬）" / "masks", "medicine (ibuprofen)", in whichever language the outer text renders.</summary>
    public static FrontlineWord Name(SupplyItem item, string name) => new("ItemName_" + item, name);

    public static Refusal InsufficientStock(Shortfall s, string unitName) =>
        Refusal.Conflict(
            FrontlineText.Of("Refusal_InsufficientStock", unitName, s.UnitCode, Name(s.Item, s.Name), s.Available, s.Needed),
            "insufficient-stock");

    public static Refusal Busy() => Refusal.Conflict(FrontlineText.Of("Refusal_StockBusy"), "concurrent-change");
}
