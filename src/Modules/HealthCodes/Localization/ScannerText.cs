using System.Globalization;
using System.Resources;

namespace Yiwang.HealthCodes.Localization;

/// <summary>Marker for the venue scanner page's strings (ScannerText.resx in Chinese, ScannerText.en.resx in English).</summary>
internal sealed class ScannerText
{
    private static readonly ResourceManager _resources = new(typeof(ScannerText).FullName!, typeof(ScannerText).Assembly);

    public static bool Has(string key) => _resources.GetString(key, CultureInfo.InvariantCulture) is not null;
}
