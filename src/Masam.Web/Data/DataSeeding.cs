namespace Masam.Web.Data;

/// <summary>
/// Loads data at start-up, after the migrations and under the initialisation lock, so that one node
/// seeds while the others wait. Every seeder runs at each start and adds only what is missing.
/// </summary>
public interface IDataSeeder
{
    Task SeedAsync(CancellationToken ct);
}

/// <summary>
/// When a seeder runs: reference data first, then demo data, then what is derived from both (providers'
/// SMS codes), then accounts (which may name demo providers).
/// </summary>
public enum SeedStage
{
    Reference,
    Demo,
    Derived,
    Accounts,
}

public static class DataSeeding
{
    /// <summary>A feature's seeder; within a stage, seeders run in the order the features were added.</summary>
    public static IServiceCollection AddDataSeeder<TSeeder>(this IServiceCollection services, SeedStage stage) where TSeeder : class, IDataSeeder
    {
        services.AddScoped<TSeeder>();
        services.AddSingleton(new SeederRegistration(typeof(TSeeder), stage));
        return services;
    }

    internal static async Task RunSeedersAsync(this IServiceProvider scope, CancellationToken ct)
    {
        foreach (var registration in scope.GetServices<SeederRegistration>().OrderBy(r => r.Stage))
        {
            await ((IDataSeeder)scope.GetRequiredService(registration.Seeder)).SeedAsync(ct);
        }
    }

    private sealed record SeederRegistration(Type Seeder, SeedStage Stage);
}
