using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Masam.Web.Localization;

/// <summary>
/// Every user-facing string, in Mongolian and English side by side (<c>texts.json</c>), so that a
/// string missing in one language is seen at a glance and caught by a test.
/// </summary>
public sealed class TextCatalogue
{
    private readonly FrozenDictionary<string, LocalizedText> _texts;

    private TextCatalogue(FrozenDictionary<string, LocalizedText> texts) => _texts = texts;

    public static TextCatalogue Default { get; } = Load();

    public IEnumerable<string> Keys => _texts.Keys;

    public bool TryGet(string key, CultureInfo culture, out string text)
    {
        if (_texts.TryGetValue(key, out var entry))
        {
            text = Cultures.IsEnglish(culture) ? entry.En : entry.Mn;
            return true;
        }

        text = key;
        return false;
    }

    public LocalizedText? Find(string key) => _texts.GetValueOrDefault(key);

    /// <summary>
    /// A text in English or Mongolian, formatted with its arguments: for messages written outside
    /// the reader's request (e-mails, SMS), in the language the reader chose then.
    /// </summary>
    public string Format(string key, bool english, params object[] arguments)
    {
        var entry = Find(key) ?? throw new InvalidOperationException($"There is no text {key}.");
        var text = english ? entry.En : entry.Mn;
        return arguments.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, arguments);
    }

    private static TextCatalogue Load()
    {
        using var stream = typeof(TextCatalogue).Assembly.GetManifestResourceStream("Masam.Web.Localization.texts.json")
            ?? throw new InvalidOperationException("texts.json is not embedded in the assembly.");
        var texts = JsonSerializer.Deserialize<Dictionary<string, LocalizedText>>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("texts.json is empty.");
        return new TextCatalogue(texts.ToFrozenDictionary(StringComparer.Ordinal));
    }
}

public sealed record LocalizedText(string Mn, string En);
