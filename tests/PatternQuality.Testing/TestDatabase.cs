using Npgsql;
using Xunit;

namespace PatternQuality.Testing;

/// <summary>A database of its own for one test, on the shared test server.</summary>
public sealed class TestDatabase(NpgsqlConnectionStringBuilder connectionString)
{
    public string Name => ConnectionString.Database!;

    public NpgsqlConnectionStringBuilder ConnectionString { get; } = connectionString;

    /// <summary>The same database as a <c>postgresql://</c> URL, as users pass it to --database-url.</summary>
    public string Url =>
        $"postgresql://{Uri.EscapeDataString(ConnectionString.Username!)}:{Uri.EscapeDataString(ConnectionString.Password ?? "")}"
        + $"@{ConnectionString.Host}:{ConnectionString.Port}/{Uri.EscapeDataString(Name)}";

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString.ConnectionString);

    private static CancellationToken CancellationToken => TestContext.Current.CancellationToken;

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var dataSource = CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync(CancellationToken))!;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var dataSource = CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(CancellationToken);
    }

    public async Task<List<T>> ColumnAsync<T>(string sql)
    {
        await using var dataSource = CreateDataSource();
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(CancellationToken);
        var values = new List<T>();
        while (await reader.ReadAsync(CancellationToken))
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }
}
