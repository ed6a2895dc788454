using Npgsql;

namespace PatternQuality.Migrator;

/// <summary>
/// A session-level PostgreSQL advisory lock held for a whole run, so that migrators started
/// at once on one database (replicas, a deploy racing a developer) apply each migration once.
/// </summary>
public static class MigrationLock
{
    // Any constant works as long as every migrator of this schema uses the same one.
    public const long Key = 0x5051_0013_0014;

    public static async Task<IAsyncDisposable> AcquireAsync(NpgsqlConnection connection, TextWriter output, CancellationToken cancellationToken)
    {
        if (!await ExecuteBoolAsync(connection, $"SELECT pg_try_advisory_lock({Key})", cancellationToken))
        {
            output.WriteLine("another migrator is working on this database; waiting for it to finish");
            await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({Key})", connection) { CommandTimeout = 0 };
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }

        return new Release(connection);
    }

    private static async Task<bool> ExecuteBoolAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class Release(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // A pooled connection keeps session locks until it is reset, so unlock explicitly.
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
