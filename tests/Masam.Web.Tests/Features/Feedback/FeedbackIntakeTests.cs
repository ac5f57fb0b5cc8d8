using System.Net;
using System.Text.Json;
using Masam.Web.Features.Feedback;
using Masam.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Masam.Web.Tests.FeedbackRequests;

namespace Masam.Web.Tests.Features.Feedback;

public sealed class FeedbackIntakeTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();
    private readonly HttpClient _client;

    public FeedbackIntakeTests() => _client = _factory.CreateClient();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Submit_StoresFeedbackAndReturnsATrackingCode()
    {
        var provider = await _factory.AddProviderAsync(serviceLines: ["social-insurance"]);

        var response = await _client.SendAsync(Submit(new
        {
            providerId = provider,
            serviceLine = "social-insurance",
            score = 2,
            comment = "  Хоёр цаг дараалалд зогссон.\r\nӨөҮү  ",
            channel = "sms",
            demographics = new { gender = "female", ageBand = "65-plus", disability = true, herderHousehold = false },
        }));

        var receipt = await response.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var code = receipt.GetProperty("trackingCode").GetString()!;
        Assert.Equal($"/api/v1/feedback/{code}", response.Headers.Location?.OriginalString);
        Assert.Equal("received", receipt.GetProperty("status").GetString());

        var stored = await _factory.WithDbAsync(db => db.Feedback.SingleAsync());
        Assert.Equal(TrackingCodes.Normalize(code), stored.TrackingCode);
        Assert.Equal(provider, stored.ProviderId);
        Assert.Equal("social-insurance", stored.ServiceLineCode);
        Assert.Equal(2, stored.Score);
        Assert.Equal("Хоёр цаг дараалалд зогссон.\nӨөҮү", stored.Comment);
        Assert.Equal(FeedbackChannel.Sms, stored.Channel);
        Assert.Equal(Gender.Female, stored.Gender);
        Assert.Equal(AgeBand.From65, stored.AgeBand);
        Assert.True(stored.HasDisability);
        Assert.False(stored.HerderHousehold);
        Assert.Equal(FeedbackStatus.Received, stored.Status);
        Assert.Equal(DateTimeKind.Utc, stored.ReceivedAt.Kind);
    }

    [Fact]
    public async Task Submit_DefaultsToTheWebChannel_AndNeedsOnlyProviderAndScore()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 5 }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await _factory.WithDbAsync(db => db.Feedback.SingleAsync());
        Assert.Equal(FeedbackChannel.Web, stored.Channel);
        Assert.Null(stored.Comment);
        Assert.Null(stored.Gender);
    }

    [Fact]
    public async Task Submit_AcceptsACommentOfExactly4000Characters()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 3, comment = new string('ө', 4000) }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Submit_KeepsContactDetailsApartFromTheFeedback()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(Submit(new
        {
            providerId = provider, score = 1,
            contact = new { name = "Бат-Эрдэнэ", phone = "+976 9911-2233", email = "bat@example.mn" },
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contact = await _factory.WithDbAsync(db => db.FeedbackContacts.SingleAsync());
        Assert.Equal("99112233", contact.Phone);
        Assert.Equal("Бат-Эрдэнэ", contact.Name);
        Assert.Equal("bat@example.mn", contact.Email);
    }

    [Fact]
    public async Task Feedback_HasNoColumnForAnAddressAgentOrDevice()
    {
        var columns = await _factory.WithDbAsync(db => db.Database.SqlQueryRaw<string>(_factory.IsPostgres
            ? "SELECT column_name AS \"Value\" FROM information_schema.columns WHERE table_name = 'Feedback'"
            : "SELECT name AS Value FROM pragma_table_info('Feedback')").ToListAsync());

        Assert.Contains("Score", columns);
        Assert.DoesNotContain(columns, c => c.Contains("ip", StringComparison.OrdinalIgnoreCase)
            || c.Contains("agent", StringComparison.OrdinalIgnoreCase)
            || c.Contains("device", StringComparison.OrdinalIgnoreCase)
            || c.Contains("phone", StringComparison.OrdinalIgnoreCase)
            || c.Contains("email", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Submit_AnswersInMongolian_WhenTheClientAsksForIt()
    {
        var request = Submit(new { providerId = 999999, score = 3 });
        request.Headers.AcceptLanguage.ParseAdd("mn-MN");

        var problem = await (await _client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("байгууллага", problem.FieldErrors("providerId")[0]);
    }

    [Fact]
    public async Task Submit_AcceptsAProviderAddedAfterTheDirectoryWasLoaded()
    {
        var first = await _factory.AddProviderAsync();
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = first, score = 3 }))).StatusCode);

        var added = await _factory.AddProviderAsync("MN51110");

        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = added, score = 3 }))).StatusCode);
    }

    [Fact]
    public async Task Submit_RefusesADeactivatedProvider_OnceTheDirectoryIsTold()
    {
        var provider = await _factory.AddProviderAsync();
        Assert.Equal(HttpStatusCode.Created, (await _client.SendAsync(Submit(new { providerId = provider, score = 3 }))).StatusCode);

        await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == provider).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsActive, false)));
        _factory.Services.GetRequiredService<Masam.Web.Features.Providers.ProviderDirectory>().Invalidate();

        var problem = await (await _client.SendAsync(Submit(new { providerId = provider, score = 3 }))).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("providerId"));
        Assert.Equal(1, await _factory.CountFeedbackAsync());
    }
}

/// <summary>Submissions refused, each naming what is wrong, nothing stored: none stores anything, so they share one app.</summary>
public sealed class FeedbackIntakeRefusalTests(SharedApp app) : IClassFixture<SharedApp>
{
    private readonly MasamAppFactory _factory = app.Factory;
    private readonly HttpClient _client = app.Factory.CreateClient();

    public static TheoryData<string, string> InvalidFields => new()
    {
        { """{"providerId": 999999, "score": 3}""", "providerId" },
        { """{"score": 3}""", "providerId" },
        { """{"providerId": PROVIDER}""", "score" },
        { """{"providerId": PROVIDER, "score": 0}""", "score" },
        { """{"providerId": PROVIDER, "score": 6}""", "score" },
        { """{"providerId": PROVIDER, "score": 3, "channel": "fax"}""", "channel" },
        { """{"providerId": PROVIDER, "score": 3, "demographics": {"gender": "unknown"}}""", "demographics.gender" },
        { """{"providerId": PROVIDER, "score": 3, "demographics": {"ageBand": "30-40"}}""", "demographics.ageBand" },
        { """{"providerId": PROVIDER, "score": 3, "serviceLine": "haircut"}""", "serviceLine" },
        { """{"providerId": PROVIDER, "score": 3, "serviceLine": "tax"}""", "serviceLine" },
        { """{"providerId": PROVIDER, "score": 3, "contact": {"phone": "12345"}}""", "contact.phone" },
        { """{"providerId": PROVIDER, "score": 3, "contact": {"email": "not-an-address"}}""", "contact.email" },
        { """{"providerId": PROVIDER, "score": "five"}""", "score" },
        { """{"providerId": PROVIDER, "score": 3, "demographics": {"disability": "maybe"}}""", "demographics.disability" },
        { """{"providerId": PROVIDER, "score": 3, "ipAddress": "10.0.0.1"}""", "ipAddress" },
        { """{"providerId": PROVIDER, "score": 5, "score": 1}""", "score" },
        { """{"providerId": PROVIDER, "score": 3, "contact": {"phone": "99112233", "phone": "88112233"}}""", "contact.phone" },
    };

    [Fact]
    public async Task Submit_RefusesAFieldGivenTwice_SayingSo()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(SubmitRaw($$"""{"providerId": {{provider}}, "score": 5, "score": 1}""", "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("more than once", Assert.Single(problem.FieldErrors("score")));
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Submit_NamesTheBadField_AndStoresNothing(string body, string field)
    {
        var provider = await _factory.AddProviderAsync(serviceLines: ["social-insurance"]);

        var response = await _client.SendAsync(SubmitRaw(body.Replace("PROVIDER", provider.ToString()), "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Submit_RejectsACommentOver4000Characters_SayingHowLongItIs()
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(Submit(new { providerId = provider, score = 3, comment = new string('ү', 4001) }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("4001", Assert.Single(problem.FieldErrors("comment")));
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Submit_ListsEveryBadField_InOneProblem()
    {
        var response = await _client.SendAsync(Submit(new { providerId = 999999, score = 9, channel = "fax" }));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("providerId"));
        Assert.Contains("9", problem.FieldErrors("score")[0]);
        Assert.Contains("web, phone, sms, paper, kiosk", problem.FieldErrors("channel")[0]);
    }

    [Theory]
    [InlineData("""{"providerId": 1, "score": 3""")]
    [InlineData("""{"providerId": 1,, "score": 3}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public async Task Submit_Answers400_ForMalformedJson(string body)
    {
        var response = await _client.SendAsync(SubmitRaw(body, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("JSON", problem.GetProperty("title").GetString());
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    public async Task Submit_Answers400_WhenTheBodyIsNotAnObject(string body)
    {
        var response = await _client.SendAsync(SubmitRaw(body, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    public async Task Submit_Answers415_ForAnotherContentType(string contentType)
    {
        var provider = await _factory.AddProviderAsync();

        var response = await _client.SendAsync(SubmitRaw($$"""{"providerId": {{provider}}, "score": 3}""", contentType));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains(contentType, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Submit_Answers413_ForABodyOver64KB()
    {
        var provider = await _factory.AddProviderAsync();
        var padding = new string(' ', 64 * 1024);

        var response = await _client.SendAsync(SubmitRaw($$"""{"providerId": {{provider}}, "score": 3 {{padding}}}""", "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }

    [Fact]
    public async Task Submit_Answers413_ForAChunkedBodyOver64KB()
    {
        var provider = await _factory.AddProviderAsync();
        var body = JsonSerializer.SerializeToUtf8Bytes(new { providerId = provider, score = 3, comment = new string('x', 70_000) });
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/feedback") { Content = new StreamContent(new MemoryStream(body)) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await _client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await _factory.CountFeedbackAsync());
    }
}
