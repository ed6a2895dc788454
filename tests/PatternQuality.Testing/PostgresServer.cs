using Npgsql;
using PatternQuality.ServiceDefaults.Configuration;
using Xunit;

namespace PatternQuality.Testing;

/// <summary>
/// The real PostgreSQL server of a test run: the one named by
/// <c>PATTERNQUALITY_TEST_POSTGRES</c> (a URL or connection string of a superuser), or a
/// throwaway cluster started from the machine's binaries. Each test asks for a database of
/// its own, so tests run in parallel without seeing each other's rows.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ServerVariable = "PATTERNQUALITY_TEST_POSTGRES";

    private readonly List<string> createdDatabases = [];
    private PostgresCluster? cluster;
    private NpgsqlDataSource? admin;

    /// <summary>The cluster this run started; null when the tests use a given server.</summary>
    public PostgresCluster? OwnCluster => cluster;

    public NpgsqlConnectionStringBuilder AdminConnectionString { get; private set; } = new();

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            AdminConnectionString = DatabaseUrl.Parse(given);
        }
        else
        {
            cluster = await PostgresCluster.StartAsync();
            AdminConnectionString = cluster.ConnectionString;
        }

        admin = NpgsqlDataSource.Create(AdminConnectionString.ConnectionString);
    }

    public async Task<TestDatabase> CreateDatabaseAsync()
    {
        var name = $"pq_test_{Guid.NewGuid():N}"[..24];
        await using (var command = admin!.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await command.ExecuteNonQueryAsync();
        }

        lock (createdDatabases)
        {
            createdDatabases.Add(name);
        }

        return new TestDatabase(new NpgsqlConnectionStringBuilder(AdminConnectionString.ConnectionString) { Database = name });
    }

    public async ValueTask DisposeAsync()
    {
        if (admin is not null)
        {
            // A given server outlives the run: leave it as it was found.
            if (cluster is null)
            {
                foreach (var name in createdDatabases)
                {
                    await using var drop = admin.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    await drop.ExecuteNonQueryAsync();
                }
            }

            await admin.DisposeAsync();
        }

        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
