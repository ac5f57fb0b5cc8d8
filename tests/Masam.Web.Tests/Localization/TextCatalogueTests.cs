using System.Globalization;
using System.Text.RegularExpressions;
using Masam.Web.Features.Feedback;
using Masam.Web.Infrastructure;
using Masam.Web.Localization;

namespace Masam.Web.Tests.Localization;

public sealed partial class TextCatalogueTests
{
    [Fact]
    public void EveryText_HasMongolianAndEnglish()
    {
        foreach (var key in TextCatalogue.Default.Keys)
        {
            var text = TextCatalogue.Default.Find(key)!;
            Assert.False(string.IsNullOrWhiteSpace(text.Mn), $"{key} has no Mongolian text");
            Assert.False(string.IsNullOrWhiteSpace(text.En), $"{key} has no English text");
        }
    }

    [Fact]
    public void MongolianTexts_UseCyrillicӨAndҮ_NotLatinLookalikes()
    {
        foreach (var key in TextCatalogue.Default.Keys)
        {
            var mn = TextCatalogue.Default.Find(key)!.Mn;
            Assert.False(mn.IndexOfAny(['ö', 'ü', 'Ö', 'Ü', 'ї', 'є']) >= 0, $"{key}: '{mn}' has a Latin or Ukrainian letter where Mongolian Ө/Ү belongs");
        }
    }

    [Fact]
    public void FormatArguments_AreTheSameInBothLanguages()
    {
        foreach (var key in TextCatalogue.Default.Keys)
        {
            var text = TextCatalogue.Default.Find(key)!;
            Assert.True(Placeholders(text.Mn).SetEquals(Placeholders(text.En)), $"{key}: the two languages use different placeholders");
        }
    }

    [Fact]
    public void EveryKeyTheCodeUses_Exists()
    {
        var source = FindSourceFolder();
        var used = Directory.EnumerateFiles(source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        // Keys built from a value: one per value of the enum or scale.
        used.AddRange(Enumerable.Range(FeedbackRules.MinScore, FeedbackRules.MaxScore).Select(s => $"score.{s}"));
        used.AddRange(WireEnum<FeedbackStatus>.All.Select(s => $"status.{s}"));
        used.AddRange(WireEnum<Gender>.All.Select(s => $"gender.{s}"));
        used.AddRange(WireEnum<AgeBand>.All.Select(s => $"ageBand.{s}"));
        used.AddRange(["track.invalid", "track.notFound"]);
        used.AddRange(Masam.Web.Features.Accounts.StaffRoles.All.Select(r => $"role.{r}"));
        used.AddRange(WireEnum<Masam.Web.Features.Actions.ActionStatus>.All.Select(s => $"actionStatus.{s}"));
        used.AddRange(WireEnum<RejectionReason>.All.Select(r => $"rejection.{r}"));
        used.AddRange(FeedbackInbox.Sorts.Keys.Select(k => $"inbox.sort.{k}"));
        used.AddRange(WireEnum<Masam.Web.Features.Scorecards.ScorecardStage>.All.Select(s => $"stage.{s}"));
        used.AddRange(WireEnum<Masam.Web.Features.Scorecards.FocusGroupType>.All.Select(g => $"group.{g}"));
        used.AddRange(["error.review.stale.page", "error.scorecard.unknown", "error.action.unknown", "error.feedback.unknown"]);
        used.AddRange(WireEnum<Masam.Web.Features.Publications.PublicationStatus>.All.Select(s => $"publication.status.{s}"));
        used.AddRange(["error.publication.unknown", "error.publication.sha256", "error.publication.file", "error.publication.fileTooLarge"]);
        used.AddRange(Enum.GetNames<Masam.Web.Features.Accounts.ScopeKind>().Select(k => $"error.account.scope.{k}"));

        Assert.True(used.Count > 50, "the scan found too few keys to be reading the source");
        var missing = used.Where(k => TextCatalogue.Default.Find(k) is null).ToList();
        Assert.True(missing.Count == 0, "Missing texts: " + string.Join(", ", missing));
    }

    [Fact]
    public void Localizer_FollowsTheUiCulture()
    {
        var localizer = new TextLocalizer(TextCatalogue.Default);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("mn");
            Assert.Equal("Маш сайн", localizer["score.5"].Value);
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            Assert.Equal("Very good", localizer["score.5"].Value);
            Assert.True(localizer["no.such.key"].ResourceNotFound);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string FindSourceFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Masam.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("Masam.sln not found above the test binaries."), "src", "Masam.Web");
    }

    [GeneratedRegex("""(?:T|text)\["([a-zA-Z][\w.\-]+)"[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
