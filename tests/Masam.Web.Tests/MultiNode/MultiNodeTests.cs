using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Masam.Tests.Shared;
using Masam.Web.Data;
using Masam.Web.Features.Figures;
using Masam.Web.Tests.Features.Accounts;
using Masam.Web.Tests.Infrastructure;
using Masam.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Masam.Web.Tests.MultiNode;

/// <summary>
/// Two app processes on different ports, one PostgreSQL database and one shared folder for
/// reports, as a national installation runs behind a load balancer.
/// </summary>
public sealed class MultiNodeTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@nodes.test";
    private const string AdminPassword = "a long password for the nodes test";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _shared = Path.Combine(Path.GetTempPath(), "masam-nodes", Guid.NewGuid().ToString("N"));
    private string? _database;
    private readonly List<AppNode> _nodes = [];

    public Task InitializeAsync()
    {
        if (TestPostgres.IsOn)
        {
            _database = TestPostgres.CreateDatabase("masam_nodes");
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            TestPostgres.DropDatabase(_database);
        }

        if (Directory.Exists(_shared))
        {
            Directory.Delete(_shared, recursive: true);
        }
    }

    [PostgresFact]
    public async Task TwoNodes_ShareSignIns_StoreEverySubmission_RunEachOccurrenceOnce_AndFinishAJobWhoseNodeDied()
    {
        Assert.True(_database is not null, TestPostgres.Absent);
        // Started together: one migrates and seeds while the other waits its turn.
        var a = StartNode("node A");
        var b = StartNode("node B");
        await Task.WhenAll(a.WaitUntilReadyAsync(Patience), b.WaitUntilReadyAsync(Patience));

        // The Admin must have a second factor (as shipped): a key made on A is confirmed on B.
        await SetUpTwoFactorAsync(a, b);

        // A sign-in form from A, posted to B; the code's step from A, posted to B; the cookie B sets is accepted by A.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var form = await browser.GetStringAsync(new Uri(a.Address, "/account/sign-in"));
        var password = await browser.PostAsync(new Uri(b.Address, "/account/sign-in"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = AdminEmail, ["Password"] = AdminPassword, ["__RequestVerificationToken"] = PageForms.AntiforgeryTokenIn(form),
        }));
        Assert.True(password.Headers.Location?.OriginalString.StartsWith("/account/sign-in/code") == true, $"password on B with A's form: {password.StatusCode}\n{b.Output}");
        var codeForm = await browser.GetStringAsync(new Uri(a.Address, "/account/sign-in/code"));
        var signIn = await browser.PostAsync(new Uri(b.Address, "/account/sign-in/code"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = _recoveryCodes.Dequeue(), ["__RequestVerificationToken"] = PageForms.AntiforgeryTokenIn(codeForm),
        }));
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"code on B with A's form: {signIn.StatusCode}\n{b.Output}");
        var staffHome = await browser.GetAsync(new Uri(a.Address, "/staff"));
        Assert.Equal(HttpStatusCode.OK, staffHome.StatusCode);
        Assert.Contains("Администратор", await staffHome.Content.ReadAsStringAsync());

        // A bearer token from A works on B.
        var apiA = await SignInAsync(a);
        var apiB = new HttpClient { BaseAddress = b.Address };
        apiB.DefaultRequestHeaders.Authorization = apiA.DefaultRequestHeaders.Authorization;
        var created = await apiB.PostAsJsonAsync("/api/v1/admin/providers", new
        {
            code = "NODES-TEST-1", nameMn = "Олон зангилааны шалгалтын төв", nameEn = "Multi-node test centre",
            type = "oss-centre", adminUnit = "MN18101", serviceLines = new[] { "tax" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var provider = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Citizens (each their own browser) through both nodes at once: every submission stored, once.
        var citizens = new[] { new HttpClient { BaseAddress = a.Address }, new HttpClient { BaseAddress = b.Address } };
        const int submissions = 40;
        var codes = await Task.WhenAll(Enumerable.Range(0, submissions).Select(async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = JsonContent.Create(new { providerId = provider, score = 1 + i % 5 }) };
            request.Headers.Add("Idempotency-Key", $"nodes-{i}");
            request.Headers.Add("Cookie", $"masam-voice=citizen-{i:00}-abcdefghijklmn"[..34]);
            var response = await citizens[i % 2].SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();
        }));
        var lastSubmission = DateTime.UtcNow;
        Assert.Equal(submissions, codes.Distinct().Count());
        Assert.Equal(submissions, await WithDbAsync(db => db.Feedback.CountAsync(f => f.ProviderId == provider)));

        // A report being drafted when its node dies is finished by the other node.
        var ended = DateTime.UtcNow.AddHours(8).AddMonths(-3);
        var quarter = $"{ended.Year}-Q{(ended.Month - 1) / 3 + 1}";
        var draft = await apiA.PostAsJsonAsync("/api/v1/staff/publications", new { period = quarter });
        Assert.True(draft.IsSuccessStatusCode, await draft.Content.ReadAsStringAsync());
        var publication = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var worker = await ProcessingNodeAsync(_nodes);
        await worker.KillAsync();
        var survivor = _nodes.Single(n => n != worker);
        var apiSurvivor = new HttpClient { BaseAddress = survivor.Address };
        apiSurvivor.DefaultRequestHeaders.Authorization = apiA.DefaultRequestHeaders.Authorization;
        var status = await Eventually.UntilAsync(async () =>
        {
            var view = await apiSurvivor.GetFromJsonAsync<JsonElement>($"/api/v1/staff/publications/{publication}");
            var state = view.GetProperty("status").GetString();
            return state is "draft" or "failed" ? view : (JsonElement?)null;
        });
        Assert.Equal("draft", status.GetProperty("status").GetString());
        Assert.NotEmpty(status.GetProperty("files").EnumerateArray());
        var publish = await apiSurvivor.PostAsJsonAsync($"/api/v1/staff/publications/{publication}/publish", new { version = status.GetProperty("version").GetInt32() });
        Assert.True(publish.IsSuccessStatusCode, await publish.Content.ReadAsStringAsync());

        // A replacement node joins; the scheduled aggregation counts every submission once, and no
        // occurrence of the schedule ran on more than one node.
        var c = StartNode("node C");
        await c.WaitUntilReadyAsync(Patience);
        await Eventually.UntilAsync(() => WithDbAsync(async db =>
            await db.AggregationRuns.AnyAsync(r => r.WatermarkTo >= lastSubmission) ? (bool?)true : null));
        var counted = await WithDbAsync(db => db.FeedbackCounts.Where(f => f.ProviderId == provider && f.Dimension == "all").SumAsync(f => f.C1 + f.C2 + f.C3 + f.C4 + f.C5));
        Assert.Equal(submissions, counted);
        // Each occurrence of the schedule made one job, on whichever node's scheduler took it, and
        // no job completed twice. Runs are not matched to occurrences by their start: a run waits
        // its turn for the aggregation lock, and drafting a report may ask for a run of its own.
        var occurrences = await ScheduledOccurrencesAsync(FiguresFeature.AggregationJobId);
        Assert.NotEmpty(occurrences);
        Assert.All(occurrences, o => Assert.True(o.Jobs == 1 && o.Succeeded <= 1, $"the {o.Time:HH:mm:ss} occurrence: {o.Jobs} jobs, {o.Succeeded} completions"));
        Assert.Contains(occurrences, o => o.Succeeded == 1);
        // Runs on different nodes took turns: none overlaps another.
        var runs = await WithDbAsync(db => db.AggregationRuns.OrderBy(r => r.StartedAt).Select(r => new { r.StartedAt, r.FinishedAt }).ToListAsync());
        Assert.All(runs.Zip(runs.Skip(1)), pair => Assert.True(pair.First.FinishedAt <= pair.Second.StartedAt,
            $"a run from {pair.First.StartedAt:HH:mm:ss.fff} to {pair.First.FinishedAt:HH:mm:ss.fff} overlaps one started at {pair.Second.StartedAt:HH:mm:ss.fff}"));
    }

    private sealed record Occurrence(DateTime Time, long Jobs, long Succeeded);

    /// <summary>Hangfire's record of a recurring job: the jobs made for each scheduled time, and how many of them completed.</summary>
    private async Task<IReadOnlyList<Occurrence>> ScheduledOccurrencesAsync(string recurringJobId)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT time, count(*), sum(succeeded) FROM (
                SELECT t.value AS time, (SELECT count(*) FROM hangfire.state s WHERE s.jobid = j.id AND s.name = 'Succeeded') AS succeeded
                FROM hangfire.job j
                JOIN hangfire.jobparameter r ON r.jobid = j.id AND r.name = 'RecurringJobId' AND r.value = @id
                JOIN hangfire.jobparameter t ON t.jobid = j.id AND t.name = 'Time') made
            GROUP BY time
            """, connection);
        command.Parameters.AddWithValue("id", JsonSerializer.Serialize(recurringJobId));
        var occurrences = new List<Occurrence>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var time = DateTimeOffset.FromUnixTimeSeconds(long.Parse(reader.GetString(0).Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).UtcDateTime;
            occurrences.Add(new Occurrence(time, reader.GetInt64(1), Convert.ToInt64(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return occurrences;
    }

    private AppNode StartNode(string name)
    {
        var node = AppNode.Start(name, new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Masam"] = _database!,
            ["Masam:SeedDemoData"] = "true",
            ["Masam:RateLimit:FeedbackPerMinute"] = "0",
            ["Masam:RateLimit:SignInPerMinute"] = "0",
            ["Masam:Bootstrap:AdminEmail"] = AdminEmail,
            ["Masam:Bootstrap:AdminPassword"] = AdminPassword,
            ["Masam:Figures:AggregateOnStart"] = "false",
            ["Masam:Figures:AggregationCron"] = "* * * * *",
            ["Masam:Jobs:InvisibilityTimeout"] = "00:00:10",
            ["Masam:Publications:PublishedPath"] = Path.Combine(_shared, "published"),
            ["Masam:Publications:DraftPath"] = Path.Combine(_shared, "drafts"),
        });
        _nodes.Add(node);
        return node;
    }

    private readonly Queue<string> _recoveryCodes = new();

    /// <summary>Sets up the Admin's authenticator: the key asked of one node, the code (Otp.NET's, as an app's) confirmed on the other.</summary>
    private async Task SetUpTwoFactorAsync(AppNode keyFrom, AppNode confirmOn)
    {
        using var first = new HttpClient { BaseAddress = keyFrom.Address };
        var tokens = await first.SignInAsync(AdminEmail, AdminPassword);
        first.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var key = (await (await first.PostAsync("/api/v1/account/two-factor/authenticator", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("sharedKey").GetString()!.Replace(" ", "").ToUpperInvariant();
        using var second = new HttpClient { BaseAddress = confirmOn.Address };
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;
        var confirmed = await second.PostAsJsonAsync("/api/v1/account/two-factor/authenticator/confirm",
            new { code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow) });
        Assert.True(confirmed.IsSuccessStatusCode, await confirmed.Content.ReadAsStringAsync());
        foreach (var code in (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray())
        {
            _recoveryCodes.Enqueue(code.GetString()!);
        }
    }

    /// <summary>An API client of the Admin, signed in with the password and one recovery code.</summary>
    private async Task<HttpClient> SignInAsync(AppNode node)
    {
        var api = new HttpClient { BaseAddress = node.Address };
        var response = await api.PostAsJsonAsync("/api/v1/auth/sign-in", new { email = AdminEmail, password = AdminPassword, twoFactorRecoveryCode = _recoveryCodes.Dequeue() });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var tokens = await response.Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return api;
    }

    /// <summary>The node whose worker has the drafting job, read from Hangfire's state (its server id names the process).</summary>
    private async Task<AppNode> ProcessingNodeAsync(IReadOnlyList<AppNode> nodes)
    {
        var pid = await Eventually.UntilAsync(async () =>
        {
            await using var connection = new NpgsqlConnection(_database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                """
                SELECT s.data::text FROM hangfire.job j JOIN hangfire.state s ON s.id = j.stateid
                WHERE j.statename = 'Processing' AND j.invocationdata::text LIKE '%PublicationGenerator%'
                """, connection);
            var data = (string?)await command.ExecuteScalarAsync();
            if (data is null) return null;
            var serverId = JsonDocument.Parse(data).RootElement.GetProperty("ServerId").GetString()!;
            return (int?)int.Parse(serverId.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        }, pollEvery: TimeSpan.FromMilliseconds(20));
        return nodes.Single(n => n.ProcessId == pid);
    }

    private async Task<T> WithDbAsync<T>(Func<MasamDbContext, Task<T>> work)
    {
        await using var db = new PostgresMasamDbContext(new DbContextOptionsBuilder<PostgresMasamDbContext>().UseNpgsql(_database).Options);
        return await work(db);
    }
}
