using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.HealthCodes.Features.Scanner;

/// <summary>The full-screen answer is in Chinese and English together (a citizen of either language stands in front of
/// it); refusal reasons are the verify endpoint's own words, so browser and server say the same.</summary>
internal static class ScannerWords
{
    /// <summary>Refusals only the page makes: it cannot verify at all.</summary>
    internal static class PageReasons
    {
        public const string NoTrustList = "no-trust-list";
        public const string NoCrypto = "no-crypto";
        public const string Invalid = "invalid";
    }

    internal sealed record Answer(string Zh, string En, string Hint);

    internal sealed record Reason(string Zh, string En);

    public static readonly IReadOnlyDictionary<string, Answer> Colours =
        new[] { "green", "yellow", "red" }.ToDictionary(c => c, AnswerFor);

    public static readonly Answer Invalid = AnswerFor("invalid");

    /// <summary>The answer shown full screen, both languages at once: the hint as "中文 · English".</summary>
    private static Answer AnswerFor(string code)
    {
        var (word, hint) = (new Text(typeof(ScannerText), "Answer_" + code), new Text(typeof(ScannerText), "AnswerHint_" + code));
        return new Answer(word.Render(Text.Chinese), word.Render(Text.English), $"{hint.Render(Text.Chinese)} · {hint.Render(Text.English)}");
    }

    /// <summary>Every refusal code of the format (the constants of <see cref="HealthCodeFormat.Reasons"/>).</summary>
    public static IEnumerable<string> FormatReasons() =>
        typeof(HealthCodeFormat.Reasons).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    public static IReadOnlyDictionary<string, Reason> Reasons()
    {
        return FormatReasons().Concat([PageReasons.NoTrustList, PageReasons.NoCrypto, PageReasons.Invalid]).ToDictionary(r => r, r =>
        {
            var (zh, en) = HealthCodesApi.Describe(r);
            return new Reason(zh, en);
        });
    }

    /// <summary>The JSON the page's script reads from <c>#scanner-text</c>.</summary>
    public static string Json(IStringLocalizer<ScannerText> t) => JsonSerializer.Serialize(new
    {
        online = t["Online"].Value,
        offline = t["Offline"].Value,
        lastUpload = t["LastUpload"].Value,
        neverUploaded = t["NeverUploaded"].Value,
        uploadFailed = t["UploadFailed"].Value,
        pairingRefused = t["PairingRefused"].Value,
        unpairConfirm = t["UnpairConfirm"].Value,
        startCamera = t["StartCamera"].Value,
        stopCamera = t["StopCamera"].Value,
        noCamera = t["NoCamera"].Value,
        trustList = t["TrustList"].Value,
        noTrustList = t["NoTrustList"].Value,
        colours = Colours.ToDictionary(c => c.Key, c => new { zh = c.Value.Zh, en = c.Value.En, hint = c.Value.Hint }),
        invalid = new { zh = Invalid.Zh, en = Invalid.En, hint = Invalid.Hint },
        reasons = Reasons().ToDictionary(r => r.Key, r => new { zh = r.Value.Zh, en = r.Value.En }),
    });
}
