using Yiwang.Kernel.UseCases;

namespace Yiwang.Epidemic.Localization;

/// <summary>Marker for the dashboard's strings (DashboardText.resx in Chinese, DashboardText.en.resx in English).</summary>
internal sealed class DashboardText
{
    private DashboardText()
    {
    }

    public static Text Of(string key, params object?[] args) => new(typeof(DashboardText), key, args);
}
