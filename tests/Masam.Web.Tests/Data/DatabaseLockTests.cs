using Masam.Tests.Shared;
using Masam.Web.Data;
using Npgsql;

namespace Masam.Web.Tests.Data;

public sealed class DatabaseLockTests
{
    [PostgresFact]
    public async Task WaitingForTheLock_OutlastsTheCommandTimeout()
    {
        // A one-second command timeout: a node waiting longer than that for another's migration or full recount must go on waiting.
        var database = TestPostgres.CreateDatabase("masam_lock");
        try
        {
            var impatient = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 1 }.ConnectionString;
            var locks = new PostgresDatabaseLock(impatient);
            var first = await locks.AcquireAsync("test", default);
            var second = locks.AcquireAsync("test", default);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.False(second.IsCompleted, "the second holder got the lock while the first held it");

            await first.DisposeAsync();
            await using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestPostgres.DropDatabase(database);
        }
    }
}
