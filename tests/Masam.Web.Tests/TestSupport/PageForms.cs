using System.Net;
using System.Text.RegularExpressions;

namespace Masam.Web.Tests;

/// <summary>Posts a page's form as a browser would: with the antiforgery token the page gave out.</summary>
public static partial class PageForms
{
    /// <param name="formPage">The page that shows the form, when the form posts somewhere else.</param>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, Dictionary<string, string> fields, string? formPage = null) =>
        client.PostFormAsync(pageUrl, (IEnumerable<KeyValuePair<string, string>>)fields, formPage);

    /// <summary>A form whose fields may repeat, as checkboxes of one name do.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var page = await client.GetAsync(formPage ?? pageUrl);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var form = fields.Append(new("__RequestVerificationToken", AntiforgeryTokenIn(html)));
        return await client.PostAsync(pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token a page's form carries.</summary>
    public static string AntiforgeryTokenIn(string html)
    {
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
