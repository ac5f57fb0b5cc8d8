using System.Globalization;
using System.Text;
using QRCoder;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// A QR code as inline SVG: QRCoder encodes, and the dark modules are drawn as one path here (its
/// own renderers need System.Drawing, which Masam does not load). About 3 KB for an otpauth URI; crisp
/// at any size, and no image request.
/// </summary>
public static class QrSvg
{
    public static string Draw(string text, string label)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // with its quiet zone
        var path = new StringBuilder();
        for (var y = 0; y < matrix.Count; y++)
        {
            for (var x = 0; x < matrix[y].Length; x++)
            {
                if (matrix[y][x]) path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
            }
        }

        var size = matrix.Count.ToString(CultureInfo.InvariantCulture);
        return $"""<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" aria-label="{System.Net.WebUtility.HtmlEncode(label)}" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d="{path}"/></svg>""";
    }
}
