using QRCoder;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>A QR text as inline SVG (scales to any phone screen, no image request).</summary>
internal static class QrSvg
{
    public static string Render(string text)
    {
        using var generator = new QRCodeGenerator();
        // Level M: a phone screen is clean and flat; the code stays small enough for older scanners.
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
