using Masam.Web.Features.Providers;
using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Masam.Web.Tests.Infrastructure;

public sealed class ConcurrentWriteHandlerTests : IDisposable
{
    private readonly MasamAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task AUniqueKeyRefusal_BecomesA409Problem_WhateverTheDatabase()
    {
        var first = await _factory.AddProviderAsync();
        var code = await _factory.WithDbAsync(db => db.Providers.Where(p => p.Id == first).Select(p => p.Code).SingleAsync());
        // The second writer checked before the first committed, and now writes the same code.
        var refusal = await Assert.ThrowsAsync<DbUpdateException>(() => _factory.WithDbAsync(async db =>
        {
            var unit = await db.AdminUnits.SingleAsync(u => u.Code == "MN18101");
            db.Providers.Add(new Provider { Code = code, NameMn = "Давхар", NameEn = "Twin", TypeCode = "oss-centre", AdminUnitId = unit.Id, SearchKey = "" });
            return await db.SaveChangesAsync();
        }));
        Assert.True(ConcurrentWriteHandler.IsUniqueViolation(refusal));
        Assert.False(ConcurrentWriteHandler.IsUniqueViolation(new DbUpdateException("other", new InvalidOperationException())));

        await using var scope = _factory.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();
        var handler = ActivatorUtilities.CreateInstance<ConcurrentWriteHandler>(scope.ServiceProvider);

        Assert.True(await handler.TryHandleAsync(context, refusal, default));
        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        Assert.Contains("\"status\":409", body);
        Assert.Contains("Өөр хүсэлт яг тэр үед", body);
        Assert.Equal(1, await _factory.WithDbAsync(db => db.Providers.CountAsync(p => p.Code == code)));
    }
}
