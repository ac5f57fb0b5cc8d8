using System.Net;
using Masam.Web.Features.Accounts;
using Masam.Web.Features.Publications;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Masam.Web.Tests.Pages;

/// <summary>The staff page that drafts and publishes, with scripts off, and the scheduled drafting of a closed quarter.</summary>
public sealed class PublicationPagesTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AnOfficial_DraftsAndPublishes_ThroughTheStaffPage_WhichRefreshesItselfWhileTheDraftIsMade()
    {
        await _factory.AddProviderAsync("MN18101");
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        var page = await official.GetStringAsync("/staff/publications");
        Assert.Contains("Завхан (181)", page);
        Assert.DoesNotContain("value=\"national\"", page);

        var drafted = await official.PostFormAsync("/staff/publications?handler=Draft", new() { ["period"] = "2026-Q1", ["unit"] = "181" },
            formPage: "/staff/publications");
        Assert.Equal(HttpStatusCode.Redirect, drafted.StatusCode);
        var id = await _factory.WithDbAsync(db => db.Publications.Select(p => p.Id).SingleAsync());
        Assert.True(await Eventually.WaitAsync(async () =>
        {
            // The page first, then the status: a page read while the draft was still being made must refresh itself.
            var page = await official.GetStringAsync("/staff/publications");
            if (await _factory.WithDbAsync(db => db.Publications.AllAsync(p => p.Status == PublicationStatus.Draft))) return true;
            Assert.Contains("http-equiv=\"refresh\"", page);
            return false;
        }), "the draft was not made");

        var version = await _factory.WithDbAsync(db => db.Publications.Select(p => p.Version).SingleAsync());
        var published = await official.PostFormAsync("/staff/publications?handler=Publish",
            new() { ["id"] = id.ToString(), ["version"] = version.ToString() }, formPage: "/staff/publications");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(PublicationStatus.Published, await _factory.WithDbAsync(db => db.Publications.Select(p => p.Status).SingleAsync()));

        var again = await official.PostFormAsync("/staff/publications?handler=Publish",
            new() { ["id"] = id.ToString(), ["version"] = (version + 1).ToString() }, formPage: "/staff/publications");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("class=\"field-error\"", await again.Content.ReadAsStringAsync());

        var bad = await official.PostFormAsync("/staff/publications?handler=Draft", new() { ["period"] = "2026-03", ["unit"] = "181" },
            formPage: "/staff/publications");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task ThePeriodPicker_OffersEndedPeriodsOnly_AndARefusedDraft_KeepsWhatWasChosen_WithASummaryLinkingToTheField()
    {
        _factory.ConfigureServices = services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero)));
        await _factory.CreateStaffAsync("zavkhan@test.mn", StaffRoles.LocalOfficial, units: ["181"]);
        var official = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await official.PostFormAsync("/account/sign-in", new() { ["Email"] = "zavkhan@test.mn", ["Password"] = StaffTestAccounts.Password });

        var page = await official.GetStringAsync("/staff/publications");
        Assert.Contains("<option value=\"2026-Q1\">2026 оны 1-р улирал (2026-Q1)</option>", page);
        Assert.Contains("<option value=\"2024-Q2\">", page);
        Assert.Contains("<option value=\"2025\">", page);
        Assert.DoesNotContain("value=\"2026-Q2\"", page); // the quarter under way
        Assert.DoesNotContain("value=\"2026\"", page);

        // A correction without its reason: refused, with the summary's link to the field, the message beside it, and the choices kept.
        var refused = await official.PostFormAsync("/staff/publications?handler=Draft",
            new() { ["period"] = "2025-Q4", ["unit"] = "181", ["replaces"] = "7", ["reason"] = "" }, formPage: "/staff/publications");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#f-reason\">", html);
        Assert.Contains("<p class=\"field-error\" id=\"e-reason\">", html);
        Assert.Contains("aria-describedby=\"e-reason\"", html);
        Assert.Contains("<option value=\"2025-Q4\" selected=\"selected\">", html);
        Assert.Contains("<option value=\"181\" selected=\"selected\">", html);
        Assert.Contains("value=\"7\"", html);
        Assert.Equal(0, await _factory.WithDbAsync(db => db.Publications.CountAsync()));
    }

    [Fact]
    public async Task WhenAQuarterCloses_ItsReportsAreDraftedOnce_ForTheNationAndEveryAimag()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero));
        var queued = new QueuedJobs();
        _factory.ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<Hangfire.IBackgroundJobClient>(queued); // the drafts are counted here, not generated
        };

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(23, await scope.ServiceProvider.GetRequiredService<PeriodDrafts>().ExecuteAsync(default));
        }

        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<PeriodDrafts>().ExecuteAsync(default));
        }

        var periods = await _factory.WithDbAsync(db => db.Publications.Select(p => p.Period).Distinct().ToListAsync());
        Assert.Equal(["2026-Q1"], periods);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Publications.CountAsync(p => p.AdminUnitCode == null)));
        Assert.Equal(23, queued.Jobs.Count);
        Assert.All(queued.Jobs, job => Assert.Equal(nameof(PublicationGenerator.GenerateAsync), job.Method.Name));
    }

    private sealed class QueuedJobs : Hangfire.IBackgroundJobClient
    {
        public List<Hangfire.Common.Job> Jobs { get; } = [];

        public string Create(Hangfire.Common.Job job, Hangfire.States.IState state)
        {
            lock (Jobs) Jobs.Add(job);
            return Jobs.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => true;
    }
}
