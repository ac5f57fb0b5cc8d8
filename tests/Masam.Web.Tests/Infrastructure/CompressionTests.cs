using System.IO.Compression;
using System.Net;
using System.Text;

namespace Masam.Web.Tests.Infrastructure;

/// <summary>What is large and carries no secret travels compressed; pages with forms do not.</summary>
public sealed class CompressionTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("/css/site.css", "br")]
    [InlineData("/api/v1/admin-units", "br")]
    [InlineData("/api/v1/admin-units", "gzip")]
    [InlineData("/odata/AdminUnits", "gzip")]
    public async Task TextThatCarriesNoSecret_IsCompressed_AsTheClientAccepts(string path, string encoding)
    {
        var plain = await _factory.CreateClient().GetByteArrayAsync(path);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd(encoding);

        var response = await _factory.CreateClient().SendAsync(request);
        var sent = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.True(sent.Length < plain.Length / 2, $"{sent.Length} bytes sent for {plain.Length}");
        Assert.Equal(Encoding.UTF8.GetString(plain), Encoding.UTF8.GetString(Decompress(sent, encoding)));
    }

    [Fact]
    public async Task APageWithAForm_IsNotCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feedback");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var response = await _factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("<form", await response.Content.ReadAsStringAsync());
    }

    private static byte[] Decompress(byte[] sent, string encoding)
    {
        using var input = new MemoryStream(sent);
        using Stream reader = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }
}
