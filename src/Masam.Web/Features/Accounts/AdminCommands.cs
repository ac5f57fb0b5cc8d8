using Masam.Web.Data;
using Masam.Web.Features.Audit;

namespace Masam.Web.Features.Accounts;

/// <summary>
/// Commands run instead of the web server:
/// <c>dotnet run --project src/Masam.Web -- create-admin --email a@b.mn --password "…" [--name "…"]</c> and
/// <c>dotnet run --project src/Masam.Web -- verify-audit</c>.
/// </summary>
public static class AdminCommands
{
    public static bool IsCommand(string[] args) => Infrastructure.CommandLine.Verb(args) is "create-admin" or "verify-audit";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var config = app.Configuration;
        switch (Infrastructure.CommandLine.Verb(args))
        {
            case "create-admin":
            {
                var (account, errors) = await scope.ServiceProvider.GetRequiredService<StaffAdministration>().CreateAsync(new CreateStaffRequest
                {
                    Email = config["email"], Password = config["password"], DisplayName = config["name"] ?? "Administrator", Role = StaffRoles.Admin,
                }, CancellationToken.None);
                foreach (var (field, message) in errors.All)
                {
                    Console.Error.WriteLine($"{field}: {message}");
                }

                if (account is not null)
                {
                    Console.WriteLine($"Created Admin {account.Email}");
                }

                return account is null ? 1 : 0;
            }

            default:
            {
                var result = await AuditVerification.RunAsync(scope.ServiceProvider.GetRequiredService<MasamDbContext>(), CancellationToken.None);
                Console.WriteLine(result.Valid
                    ? $"Audit chain intact: {result.EntriesChecked} entries."
                    : $"Audit chain broken at entry {result.FirstBadSequence}: {result.Problem} ({result.EntriesChecked} entries before it are intact).");
                return result.Valid ? 0 : 1;
            }
        }
    }
}
