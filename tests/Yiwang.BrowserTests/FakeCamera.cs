using System.Text;
using QRCoder;

namespace Yiwang.BrowserTests;

/// <summary>
/// A QR code as a video Chromium can use as its camera (<c>--use-file-for-fake-video-capture</c>): one YUV4MPEG2
/// frame, 4:2:0, the QR's modules as black and white luma on a white page, chroma neutral (U = V = 128).
/// </summary>
internal static class FakeCamera
{
    public const int Width = 640;
    public const int Height = 480;

    /// <summary>Writes the Y4M file and answers its path.</summary>
    public static string WriteQrVideo(string text, string path)
    {
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = qr.ModuleMatrix; // includes the 4-module quiet zone
        var modules = matrix.Count;
        var scale = Math.Min(Width, Height) * 9 / 10 / modules;
        Assert.True(scale >= 3, $"a {modules}-module QR code is too big for a {Width}x{Height} camera");
        var left = (Width - modules * scale) / 2;
        var top = (Height - modules * scale) / 2;

        var y = new byte[Width * Height];
        Array.Fill(y, (byte)255);
        for (var row = 0; row < modules; row++)
        {
            for (var col = 0; col < modules; col++)
            {
                if (!matrix[row][col])
                {
                    continue;
                }

                for (var dy = 0; dy < scale; dy++)
                {
                    Array.Fill(y, (byte)0, (top + row * scale + dy) * Width + left + col * scale, scale);
                }
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\nFRAME\n"));
        file.Write(y);
        file.Write(chroma);
        file.Write(chroma);
        return path;
    }
}
