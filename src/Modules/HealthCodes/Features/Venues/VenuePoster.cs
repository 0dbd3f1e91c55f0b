using QRCoder;

namespace Yiwang.HealthCodes.Features.Venues;

/// <summary>The venue poster's (场所码) QR: the address of the venue's check-in page.</summary>
internal static class VenuePoster
{
    public static string CheckInUrl(string baseUrl, string code) => $"{baseUrl}/v/{Uri.EscapeDataString(code)}";

    /// <summary>A black-on-white PNG QR of <paramref name="text"/> (error correction M: survives a smudged poster).</summary>
    public static byte[] Png(string text, int pixelsPerModule = 16)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    /// <summary>The same PNG as a data URI, for pages that print without a second request.</summary>
    public static string DataUri(string text, int pixelsPerModule = 16) => "data:image/png;base64," + Convert.ToBase64String(Png(text, pixelsPerModule));
}
