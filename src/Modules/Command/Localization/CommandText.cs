using Yiwang.Kernel.UseCases;

namespace Yiwang.Command.Localization;

/// <summary>Marker for the Command module's own strings (CommandText.resx in Chinese, CommandText.en.resx in English).</summary>
internal sealed class CommandText
{
    public static Text Of(string key, params object?[] args) => new(typeof(CommandText), key, args);
}
