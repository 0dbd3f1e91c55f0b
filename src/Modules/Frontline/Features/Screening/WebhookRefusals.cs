using Yiwang.Frontline.Localization;
using Yiwang.Kernel.UseCases;

namespace Yiwang.Frontline.Features.Screening;

/// <summary>The webhook's refusals: statuses and codes are a published contract (docs/screening-webhook.md), keep them.</summary>
internal static class WebhookRefusals
{
    public static Refusal TooLarge(int maxBytes) => new(413, "screening-body-too-large", FrontlineText.Of("Webhook_TooLarge", maxBytes));

    public static Refusal MissingHeaders() => new(401, "screening-missing-headers", FrontlineText.Of("Webhook_MissingHeaders"));

    public static Refusal UnknownSender() => new(401, "screening-unknown-sender", FrontlineText.Of("Webhook_UnknownSender"));

    public static Refusal StaleTimestamp() => new(401, "screening-stale-timestamp", FrontlineText.Of("Webhook_StaleTimestamp"));

    public static Refusal BadSignature() => new(401, "screening-bad-signature", FrontlineText.Of("Webhook_BadSignature"));

    public static Refusal ReplayedNonce() => new(409, "screening-replayed-nonce", FrontlineText.Of("Webhook_ReplayedNonce"));

    public static Refusal MalformedJson() => new(400, "screening-malformed-json", FrontlineText.Of("Webhook_MalformedJson"));

    /// <summary>The fields at fault go into the detail (the documented shape), each message in both languages.</summary>
    public static Refusal InvalidEvent(Refusal fields) =>
        new(400, "screening-invalid-event", FrontlineText.Of("Webhook_InvalidEvent",
            string.Join("; ", fields.Fields.Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value.Select(t => t.Bilingual()))}"))));
}
