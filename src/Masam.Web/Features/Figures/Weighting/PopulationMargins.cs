using System.Globalization;
using Masam.Web.Data;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;

namespace Masam.Web.Features.Figures.Weighting;

/// <summary>
/// The population margins weighting can use, from the National Statistics Office's own tables
/// (seed-data/mongolia, with their source note): adults by Masam's age bands per soum and district
/// (NSO 5-year bands, 2019). Soum and district populations (2020) are on the admin units already.
/// </summary>
public sealed class PopulationMargins
{
    public const string AgeFile = "admin2-population-by-age.csv";
    public const string AgeSource = "NSO, population by soum and 5-year age band, 2019 (via WFP PRISM, seed-data/mongolia)";
    public const string SoumSource = "NSO, population by soum and district, 2020 (via WFP PRISM, seed-data/mongolia)";

    private readonly Lazy<Dictionary<string, Dictionary<string, double>>> _adults;

    public PopulationMargins() : this(Path.Combine(SeedData.Folder, "mongolia", AgeFile))
    {
    }

    public PopulationMargins(string ageFile) => _adults = new(() => Read(ageFile));

    /// <summary>The adults of a soum or district (its NSO code, MN18101) by Masam's age bands (wire names: 18-24, …, 65-plus); null when the table has no row for it.</summary>
    public IReadOnlyDictionary<string, double>? AdultsOf(string soumCode) => _adults.Value.GetValueOrDefault(soumCode);

    /// <summary>The adults of the given soums and districts together, by Masam's age bands; empty when the table has none of them.</summary>
    public IReadOnlyDictionary<string, double> AdultsOf(IEnumerable<string> soumCodes) =>
        soumCodes.Select(AdultsOf).Where(a => a is not null).SelectMany(a => a!)
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);

    /// <summary>
    /// NSO's 5-year bands into Masam's: 18-24 is 20-24 and two fifths of 15-19 (ages 18 and 19,
    /// taking the band as even within), 25-34 is 25-29 and 30-34, and so on; 65-plus is 65-69 and 70+.
    /// Under-18 is not an adults' band: those respondents keep the weight the other margins give them.
    /// </summary>
    private static Dictionary<string, Dictionary<string, double>> Read(string path)
    {
        var bands = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(2))
        {
            var cells = line.Split(',');
            if (cells.Length < 8 || !double.TryParse(cells[7], NumberStyles.Float, CultureInfo.InvariantCulture, out var people))
            {
                continue;
            }

            var soum = "MN" + cells[0].Trim();
            var (band, share) = cells[6].Trim() switch
            {
                "15-19" => ("18-24", 0.4),
                "20-24" => ("18-24", 1.0),
                "25-29" or "30-34" => ("25-34", 1.0),
                "35-39" or "40-44" => ("35-44", 1.0),
                "45-49" or "50-54" => ("45-54", 1.0),
                "55-59" or "60-64" => ("55-64", 1.0),
                "65-69" or "70+" => ("65-plus", 1.0),
                _ => (null, 0.0),
            };
            if (band is null)
            {
                continue;
            }

            var soumBands = bands.TryGetValue(soum, out var found) ? found : bands[soum] = new Dictionary<string, double>(StringComparer.Ordinal);
            soumBands[band] = soumBands.GetValueOrDefault(band) + people * share;
        }

        return bands;
    }
}
