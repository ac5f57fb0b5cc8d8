using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Masam.Web.Localization;

/// <summary>An <see cref="IStringLocalizer"/> over <see cref="TextCatalogue"/> for the request's UI culture.</summary>
public sealed class TextLocalizer(TextCatalogue catalogue) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var found = catalogue.TryGet(name, CultureInfo.CurrentUICulture, out var text);
            return new LocalizedString(name, text, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        catalogue.Keys.Select(k => this[k]);
}
