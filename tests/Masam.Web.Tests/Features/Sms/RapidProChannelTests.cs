using System.Net;
using System.Net.Sockets;
using Masam.Web.Features.Reminders;
using Masam.Web.Features.Sms;
using Microsoft.EntityFrameworkCore;

namespace Masam.Web.Tests.Features.Sms;

/// <summary>
/// The RapidPro (courier) external channel contract, against a loopback HTTP server that plays the
/// channel: it posts an SMS to Masam, takes Masam's reply at its send URL, and reports the status.
/// </summary>
public sealed class RapidProChannelTests
{
    [Fact]
    public async Task AMessageFromTheChannel_IsAnswered_AtTheChannelsSendUrl_AndItsStatusRecorded()
    {
        using var channel = new LoopbackChannel();
        using var factory = new MasamAppFactory(
            ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey),
            ("Masam:Sms:Gateway", "rapidpro"), ("Masam:Sms:ShortNumber", "1411"),
            ("Masam:Sms:RapidPro:SendUrl", channel.SendUrl), ("Masam:Sms:RapidPro:Token", "channel-token"));
        var client = factory.CreateClient();
        var providerId = await factory.AddProviderAsync("MN18101", "oss-centre", "Туршилтын төв", "civil-registration");
        var code = await SmsEndpointTests.GiveSmsCodesAsync(factory, providerId);

        using var receive = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sms/rapidpro/receive")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["from"] = "+97688001122", ["text"] = $"unelgee 3 {code} ugaa", ["date"] = "2026-12-02T10:00:00.000Z", ["id"] = "ch-1",
            }),
        };
        receive.Headers.Add(SmsEndpoints.KeyHeader, SmsEndpointTests.Secret);
        (await client.SendAsync(receive)).EnsureSuccessStatusCode();

        var sent = await channel.NextAsync();
        Assert.Equal("Token channel-token", sent.Authorization);
        Assert.Equal("+97688001122", sent.Form["to"]);
        Assert.Equal("1411", sent.Form["from"]);
        Assert.StartsWith("Bayarlalaa", sent.Form["text"]);
        var tracking = await factory.WithDbAsync(db => db.Feedback.Select(f => f.TrackingCode).SingleAsync());
        Assert.Contains(Masam.Web.Features.Feedback.TrackingCodes.Format(tracking), sent.Form["text"]);

        using var status = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sms/rapidpro/status?key={SmsEndpointTests.Secret}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = sent.Form["id"]!, ["status"] = "delivered" }),
        };
        (await client.SendAsync(status)).EnsureSuccessStatusCode();
        var reply = await factory.WithDbAsync(db => db.Outbox.SingleAsync(m => m.Channel == OutboxChannel.Sms));
        Assert.Equal((OutboxState.Delivered, ""), (reply.State, reply.To));
    }

    [Fact]
    public async Task StatusQueries_Help_AndStop_TravelTheChannel_InTheirLanguages()
    {
        using var channel = new LoopbackChannel();
        using var factory = new MasamAppFactory(
            ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey),
            ("Masam:Sms:Gateway", "rapidpro"), ("Masam:Sms:RapidPro:SendUrl", channel.SendUrl));
        var client = factory.CreateClient();
        var providerId = await factory.AddProviderAsync("MN18101", "oss-centre", "Туршилтын төв", "civil-registration");
        var code = await SmsEndpointTests.GiveSmsCodesAsync(factory, providerId);

        async Task<string> SendAsync(string text, string id)
        {
            using var receive = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/sms/rapidpro/receive?key={SmsEndpointTests.Secret}")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["from"] = "+97688001133", ["text"] = text, ["id"] = id }),
            };
            (await client.SendAsync(receive)).EnsureSuccessStatusCode();
            return (await channel.NextAsync()).Form["text"]!;
        }

        var tracking = System.Text.RegularExpressions.Regex.Match(await SendAsync($"rate 4 {code}", "c-1"), "[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}").Value;
        Assert.Contains("Хүлээн авсан", await SendAsync($"ХЯНАХ {tracking}", "c-2"));
        Assert.Contains("Received", await SendAsync($"status {tracking}", "c-3"));
        Assert.Contains("ÜNELGEE", await SendAsync("yu?", "c-4"));
        Assert.Contains("no more messages", await SendAsync("STOP", "c-5"));
        Assert.Equal(1, await factory.WithDbAsync(db => db.SmsOptOuts.CountAsync()));
    }

    [Fact]
    public async Task WhenTheChannelFails_TheReplyIsRetriedWithBackOff()
    {
        using var channel = new LoopbackChannel { FailFirst = 1 };
        using var factory = new MasamAppFactory(
            ("Masam:Sms:GatewaySecret", SmsEndpointTests.Secret), ("Masam:Sms:PhoneHashKey", SmsEndpointTests.HashKey),
            ("Masam:Sms:Gateway", "rapidpro"), ("Masam:Sms:RapidPro:SendUrl", channel.SendUrl));
        var client = factory.CreateClient();
        (await client.GetAsync($"/api/v1/sms/kannel?key={SmsEndpointTests.Secret}&from=99112233&text=help&id=r-1")).EnsureSuccessStatusCode();

        Assert.True(await Eventually.WaitAsync(() => factory.WithDbAsync(db =>
            db.Outbox.AnyAsync(m => m.Attempts == 1 && m.State == OutboxState.Queued && m.NextAttemptAt != null && m.LastError!.Contains("500")))));
        // The back-off is 30 s: bring it forward rather than wait.
        await factory.WithDbAsync(db => db.Outbox.ExecuteUpdateAsync(u => u.SetProperty(m => m.NextAttemptAt, DateTime.UtcNow.AddSeconds(-1))));
        var sent = await channel.NextAsync();
        Assert.Contains("RATE 4", sent.Form["text"]);
        Assert.True(await Eventually.WaitAsync(() => factory.WithDbAsync(db => db.Outbox.AnyAsync(m => m.Attempts == 2 && m.State == OutboxState.Sent))));
    }

    /// <summary>A channel's send URL on loopback: answers 200 (or 500 for the first few), and hands over what it was sent.</summary>
    private sealed class LoopbackChannel : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly System.Threading.Channels.Channel<(string? Authorization, System.Collections.Specialized.NameValueCollection Form)> _sent =
            System.Threading.Channels.Channel.CreateUnbounded<(string?, System.Collections.Specialized.NameValueCollection)>();

        public LoopbackChannel()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            SendUrl = $"http://127.0.0.1:{port}/send/";
            _listener.Prefixes.Add(SendUrl);
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string SendUrl { get; }
        public int FailFirst { get; init; }

        public async Task<(string? Authorization, System.Collections.Specialized.NameValueCollection Form)> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Eventually.Limit);
            return await _sent.Reader.ReadAsync(timeout.Token);
        }

        private async Task ServeAsync()
        {
            var served = 0;
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await _listener.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }

                using var reader = new StreamReader(context.Request.InputStream);
                var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
                if (served++ < FailFirst)
                {
                    context.Response.StatusCode = 500;
                }
                else
                {
                    await _sent.Writer.WriteAsync((context.Request.Headers["Authorization"], form));
                    context.Response.StatusCode = 200;
                }

                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
