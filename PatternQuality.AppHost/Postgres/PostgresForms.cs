using Microsoft.Extensions.DependencyInjection;
using PatternQuality.AppHost.Publishing;

namespace PatternQuality.AppHost.Postgres;

internal static class PostgresForms
{
    /// <summary>
    /// The database <paramref name="name"/> on the server <paramref name="serverName"/>, in the form this machine allows:
    /// the server given by <c>ConnectionStrings:{name}</c> (nothing started); Aspire's PostgreSQL container with a data
    /// volume where an engine answers, and always when publishing; else the machine's PostgreSQL binaries.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, string serverName, string name, string databaseName)
    {
        if (builder.ExecutionContext.IsRunMode && builder.Configuration[$"ConnectionStrings:{name}"] is { Length: > 0 } existing)
        {
            var healthCheckKey = $"{name}_check";
            builder.Services.AddHealthChecks().AddNpgSql(existing, name: healthCheckKey);
            return builder.AddConnectionString(name).WithHealthCheck(healthCheckKey);
        }

        if (builder.ExecutionContext.IsPublishMode || ContainerEngine.Answers)
        {
            return builder.AddPostgres(serverName)
                .WithDataVolume("patternquality-postgres-data")
                .WithAnnotation(new ReadinessCommandAnnotation(["pg_isready", "-U", "postgres", "-d", "postgres"]))
                .AddDatabase(name, databaseName);
        }

        return builder.AddLocalPostgres(serverName, AppHostData.Directory(builder, serverName)).AddDatabase(name, databaseName);
    }
}
