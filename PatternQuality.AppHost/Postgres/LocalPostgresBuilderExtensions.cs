using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PatternQuality.Programs;

namespace PatternQuality.AppHost.Postgres;

internal static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// PostgreSQL from the machine's binaries as a process under DCP: the cluster initialised once in
    /// <paramref name="dataDirectory"/>, the password from the <c>{name}-password</c> secret parameter,
    /// 127.0.0.1 only, healthy once a login succeeds.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, string name, string dataDirectory)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var server = new LocalPostgresServerResource(name, password, dataDirectory, PostgresBinaries.Find(), OsAccount.ForServer());

        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(server, async (_, ct) =>
            connectionString = await server.ConnectionStringExpression.GetValueAsync(ct));
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (@event, ct) =>
            new LocalPostgresCluster(server, @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server)).PrepareAsync(ct));
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (_, ct) =>
        {
            await using var connection = new NpgsqlConnection(connectionString + ";Database=postgres");
            await connection.OpenAsync(ct);
            foreach (var databaseName in server.Databases.Values)
            {
                await CreateDatabaseIfMissingAsync(connection, databaseName, ct);
            }
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey,
            _ => new LoginHealthCheck(() => connectionString is null ? null : connectionString + ";Database=postgres"), failureStatus: null, tags: null));

        string[] serverArguments = [Path.Combine(server.Binaries ?? "", "postgres"), "-D", server.DataDirectory,
            "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-p"];
        return builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                var arguments = server.Account is { } account ? account.Wrap(serverArguments[0], serverArguments[1..]) : serverArguments[1..];
                foreach (var argument in arguments)
                {
                    context.Args.Add(argument);
                }

                context.Args.Add(server.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>A database on the local server, created when the server is ready; its state follows the server's.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> builder, string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.Databases[name] = databaseName;

        string? connectionString = null;
        builder.ApplicationBuilder.Eventing.Subscribe<ConnectionStringAvailableEvent>(database, async (_, ct) =>
            connectionString = await database.ConnectionStringExpression.GetValueAsync(ct));
        builder.ApplicationBuilder.Eventing.Subscribe<InitializeResourceEvent>(database, (@event, ct) =>
        {
            // Aspire copies a parent's state to its children only for containers: follow the server by hand.
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = FollowParentStateAsync(@event.Notifications, database, stopping);
            return Task.CompletedTask;
        });

        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(healthCheckKey,
            _ => new LoginHealthCheck(() => connectionString), failureStatus: null, tags: null));

        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.Waiting,
                Properties = [new("DatabaseName", databaseName)],
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey);
    }

    private static async Task FollowParentStateAsync(ResourceNotificationService notifications, LocalPostgresDatabaseResource database, CancellationToken stopping)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stopping))
            {
                if (change.Resource == database.Parent)
                {
                    await notifications.PublishUpdateAsync(database, snapshot => snapshot with
                    {
                        State = change.Snapshot.State,
                        StartTimeStamp = change.Snapshot.StartTimeStamp,
                        StopTimeStamp = change.Snapshot.StopTimeStamp,
                        ExitCode = change.Snapshot.ExitCode,
                    });
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnection connection, string databaseName, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = databaseName } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(databaseName)}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }
}
