using System.Collections.Concurrent;
using Npgsql;

namespace Masam.Web.Data;

/// <summary>
/// A named lock held across every node of an installation, for work that must not run twice at
/// once (start-up migration and seeding, publishing, which chains each record to the last).
/// </summary>
public abstract class DatabaseLock
{
    /// <summary>Waits for the lock; disposing the result releases it.</summary>
    public abstract Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct);
}

/// <summary>SQLite serves one node, so a lock in the process is a lock across the installation.</summary>
public sealed class ProcessLock : DatabaseLock
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public override async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// A PostgreSQL session-level advisory lock on a connection of its own: released when disposed,
/// and by the server when the node holding it dies (its session ends), so a crash never leaves
/// the lock behind.
/// </summary>
public sealed class PostgresDatabaseLock(string connectionString) : DatabaseLock
{
    public override async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await RunAsync(connection, "pg_advisory_lock", name, ct);
            return new Release(connection, name);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Calls an advisory-lock function on the lock's key, a hash of its name. Waiting for the lock has
    /// no timeout of its own (a node starting while another migrates, a run waiting for a long full
    /// recount, may wait minutes); the caller's cancellation ends the wait.
    /// </summary>
    private static async Task RunAsync(NpgsqlConnection connection, string function, string name, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}(hashtext(@name))", connection) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("name", "masam:" + name);
        await command.ExecuteNonQueryAsync(ct);
    }

    private sealed class Release(NpgsqlConnection connection, string name) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync(connection, "pg_advisory_unlock", name, CancellationToken.None);
            }
            finally
            {
                // Closing the session would release the lock anyway; unlocking first returns a clean connection to the pool.
                await connection.DisposeAsync();
            }
        }
    }
}
