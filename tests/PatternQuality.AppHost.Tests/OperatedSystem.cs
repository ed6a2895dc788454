using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace PatternQuality.AppHost.Tests;

/// <summary>One system started for the operator command tests: every resource settled, 1,085 scores stored.</summary>
public class OperatedSystem : IAsyncLifetime
{
    private TestAppHost? app;

    public TestAppHost App => app ?? throw new InvalidOperationException("not started");

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>What the AppHost itself logged (its console, not the resources').</summary>
    public FakeLogCollector AppHostLog { get; } = new();

    public async ValueTask InitializeAsync()
    {
        app = await TestAppHost.StartAsync(await ServerFormAsync(), arrange: builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(AppHostLog)));
        Assert.Equal(0, (await app.WaitForTerminalAsync("backfill")).Snapshot.ExitCode);
        await app.WaitForHealthyAsync("api");
        var connectionString = await app.App.GetConnectionStringAsync("omninode-bridge", TestContext.Current.CancellationToken);
        Database = new TestDatabase(new NpgsqlConnectionStringBuilder(connectionString));
    }

    /// <summary>The servers' settings: by default, local processes.</summary>
    protected virtual Task<string[]> ServerFormAsync() => Task.FromResult<string[]>([]);

    public Task<ExecuteCommandResult> ExecuteAsync(string resource, string command, params (string Name, string Value)[] arguments) =>
        ExecuteAsync(resource, command, TestContext.Current.CancellationToken, arguments);

    public Task<ExecuteCommandResult> ExecuteAsync(
        string resource, string command, CancellationToken cancellationToken, params (string Name, string Value)[] arguments)
    {
        var commands = App.App.Services.GetRequiredService<ResourceCommandService>();
        var inputs = new InteractionInputCollection(arguments
            .Select(a => new InteractionInput { Name = a.Name, InputType = InputType.Text, Value = a.Value })
            .ToList());
        return commands.ExecuteCommandAsync(resource, command, inputs, cancellationToken);
    }

    /// <summary>Each row's version (xmin): it changes when a row is rewritten, even with the same values.</summary>
    public async Task<string> RowVersionsAsync() =>
        await Database.ScalarAsync<string>("SELECT coalesce(string_agg(xmin::text, ',' ORDER BY pattern_id), '') FROM pattern_quality_metrics");

    public Task<long> ForeignKeysAsync() => Database.ScalarAsync<long>("""
        SELECT count(*) FROM information_schema.table_constraints
        WHERE table_name = 'pattern_quality_metrics' AND constraint_type = 'FOREIGN KEY'
        """);

    public Task<long> RowsAsync() => Database.ScalarAsync<long>("SELECT count(*) FROM pattern_quality_metrics");

    public Task<int> VersionAsync() => Database.ScalarAsync<int>("SELECT max(version) FROM pattern_quality_migrations");

    public IEnumerable<string> OperationsLog() => AppHostLog.GetSnapshot()
        .Where(record => record.Category == "PatternQuality.AppHost.Dashboard")
        .Select(record => $"{record.Level}: {record.Message}");

    public virtual async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
