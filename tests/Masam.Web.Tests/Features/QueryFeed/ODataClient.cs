using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Masam.Web.Tests.Features.QueryFeed;

/// <summary>
/// Reads the feed the way an OData client does, with Microsoft's OData libraries: the model from
/// <c>$metadata</c> through <see cref="CsdlReader"/>, and each page through <see cref="ODataMessageReader"/>,
/// following <c>@odata.nextLink</c>.
/// </summary>
public sealed class ODataClient(HttpClient http)
{
    public IEdmModel? Model { get; private set; }

    public async Task<IEdmModel> ReadModelAsync()
    {
        await using var stream = await http.GetStreamAsync("/odata/$metadata");
        using var xml = XmlReader.Create(stream);
        if (!CsdlReader.TryParse(xml, out var model, out var errors))
        {
            throw new InvalidOperationException("$metadata is not valid CSDL: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }

        return Model = model;
    }

    /// <summary>Every row of a set for a query, page after page; returns the rows, the pages read and the count if asked.</summary>
    public async Task<(List<ODataResource> Rows, int Pages, long? Count)> ReadAllAsync(string entitySet, string query = "")
    {
        var model = Model ?? await ReadModelAsync();
        var set = model.EntityContainer.FindEntitySet(entitySet) ?? throw new InvalidOperationException($"No entity set {entitySet}.");
        var rows = new List<ODataResource>();
        var pages = 0;
        long? count = null;
        Uri? next = new(http.BaseAddress!, $"/odata/{entitySet}{query}");
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            response.EnsureSuccessStatusCode();
            pages++;
            var body = await response.Content.ReadAsStreamAsync();
            using var reader = new ODataMessageReader(new Message(response, body), new ODataMessageReaderSettings { BaseUri = new Uri(http.BaseAddress!, "/odata/") }, model);
            var resources = reader.CreateODataResourceSetReader(set, set.EntityType);
            next = null;
            var depth = 0;
            while (resources.Read())
            {
                switch (resources.State)
                {
                    case ODataReaderState.ResourceStart:
                        depth++;
                        break;
                    case ODataReaderState.ResourceEnd:
                        if (--depth == 0) rows.Add((ODataResource)resources.Item);
                        break;
                    case ODataReaderState.ResourceSetEnd when depth == 0:
                        var page = (ODataResourceSet)resources.Item;
                        next = page.NextPageLink;
                        count ??= page.Count;
                        break;
                }
            }
        }

        return (rows, pages, count);
    }

    public static object? Value(ODataResource row, string property) => row.Properties.OfType<ODataProperty>().Single(p => p.Name == property).Value;

    private sealed class Message(HttpResponseMessage response, Stream body) : IODataResponseMessage
    {
        public IEnumerable<KeyValuePair<string, string>> Headers =>
            response.Headers.Concat(response.Content.Headers).Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value)));

        public int StatusCode
        {
            get => (int)response.StatusCode;
            set => throw new NotSupportedException();
        }

        public string? GetHeader(string headerName) => Headers.FirstOrDefault(h => string.Equals(h.Key, headerName, StringComparison.OrdinalIgnoreCase)).Value;

        public void SetHeader(string headerName, string headerValue) => throw new NotSupportedException();

        public Stream GetStream() => body;
    }
}
