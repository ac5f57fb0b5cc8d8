using Masam.Web.Data;
using Masam.Web.Features.Providers;

namespace Masam.Web.Tests.TestSupport;

public static class TestFeedback
{
    /// <summary>The aimag code a feedback row of the provider is stored with.</summary>
    public static string AimagOf(this MasamDbContext db, int providerId) =>
        db.Providers.Where(p => p.Id == providerId).Select(ProviderDirectory.AimagCode).First();
}
