using System.Text.Json;
using Masam.Reporting;
using Masam.Tests.Shared;

namespace Masam.Web.Tests.Features.Publications;

/// <summary>The repository's <c>reports/</c> folder: the schema the site serves, its README, and where a run from the repository publishes.</summary>
public sealed class ReportsFolderTests
{
    [Fact]
    public void TheSchemaTheSiteServes_IsTheOneInReports_AndTheReadmeDescribesTheLayout()
    {
        Assert.Equal(File.ReadAllText(TestPlaces.InRepository("reports", "publication.schema.json")), JsonReportWriter.Schema());

        var readme = File.ReadAllText(TestPlaces.InRepository("reports", "README.md"));
        foreach (var part in new[] { "manifest.json", "publication.schema.json", "masam-publication-v1", "/reports/verify", "signing-key.pem" })
        {
            Assert.Contains(part, readme);
        }
    }

    [Fact]
    public void ARunFromTheRepository_PublishesIntoReports()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(TestPlaces.InRepository("src", "Masam.Web", "appsettings.Development.json")));
        var publications = settings.RootElement.GetProperty("Masam").GetProperty("Publications");
        var contentRoot = TestPlaces.InRepository("src", "Masam.Web");

        Assert.Equal(TestPlaces.InRepository("reports", "published"), Path.GetFullPath(Path.Combine(contentRoot, publications.GetProperty("PublishedPath").GetString()!)));
        Assert.Equal(TestPlaces.InRepository("reports", "drafts"), Path.GetFullPath(Path.Combine(contentRoot, publications.GetProperty("DraftPath").GetString()!)));
    }
}
