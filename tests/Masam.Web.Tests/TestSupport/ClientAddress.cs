using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Masam.Web.Tests;

/// <summary>Makes each request come from the address in its <c>X-Client</c> header (or 198.51.100.1), as a trusted proxy would say.</summary>
public sealed class ClientAddress : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, then) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers["X-Client"].FirstOrDefault() ?? "198.51.100.1");
            return then(context);
        });
        next(app);
    };
}
