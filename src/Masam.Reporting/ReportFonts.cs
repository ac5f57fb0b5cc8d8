using SkiaSharp;

namespace Masam.Reporting;

/// <summary>
/// Noto Sans Regular and Bold, embedded in this assembly, for the PDF text and its charts (given
/// to ScottPlot through a font resolver, so that the font is embedded once).
/// </summary>
public static class ReportFonts
{
    public const string Family = "Noto Sans";

    private static readonly Lazy<SKTypeface> RegularFace = new(() => Load("NotoSans-Regular.ttf"));
    private static readonly Lazy<SKTypeface> BoldFace = new(() => Load("NotoSans-Bold.ttf"));
    private static int _registered;

    public static SKTypeface Regular => RegularFace.Value;

    public static SKTypeface Bold => BoldFace.Value;

    /// <summary>Makes ScottPlot find Noto Sans by its family name (once per process).</summary>
    public static void RegisterWithScottPlot()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            ScottPlot.Fonts.FontResolvers.Insert(0, new Resolver());
        }
    }

    private static SKTypeface Load(string file)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Masam.Reporting.Fonts.{file}")
            ?? throw new InvalidOperationException($"The font {file} is not embedded.");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {file} does not load.");
    }

    private sealed class Resolver : ScottPlot.IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            fontName == Family ? bold ? Bold : Regular : null;

        public SKTypeface? CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            CreateTypeface(fontName, (int)weight >= (int)ScottPlot.FontWeight.SemiBold, slant != ScottPlot.FontSlant.Upright);
    }
}
