using Microsoft.Extensions.DependencyInjection;
using PatternQuality.AppHost.Publishing;
using PatternQuality.AppHost.Servers;

namespace PatternQuality.AppHost.Postgres;

internal static class PostgresForms
{
    /// <summary>
    /// The database <paramref name="name"/> on the server <paramref name="serverName"/>, in the form this machine allows:
    /// the server given by <c>ConnectionStrings:{name}</c> (nothing started); Aspire's PostgreSQL container with a data
    /// volume where <see cref="ServerForms.Choose"/> says so
    /// (its image from <c>AppHost:Images:{serverName}</c>, else Aspire's); else the machine's PostgreSQL binaries.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddPostgresDatabase(
        this IDistributedApplicationBuilder builder, string serverName, string name, string databaseName)
    {
        switch (ServerForms.Choose(builder, name))
        {
            case ServerForm.Existing:
                var healthCheckKey = $"{name}_check";
                builder.Services.AddHealthChecks().AddNpgSql(builder.Configuration[$"ConnectionStrings:{name}"]!, name: healthCheckKey);
                return builder.AddConnectionString(name).WithHealthCheck(healthCheckKey);
            case ServerForm.Container:
                return builder.AddPostgres(serverName)
                    .WithConfiguredImage()
                    .WithEngineWatch()
                    .WithDataVolume(ServerForms.DataVolume(builder, serverName))
                    .WithAnnotation(new ReadinessCommandAnnotation(["pg_isready", "-U", "postgres", "-d", "postgres"]))
                    // Aspire creates the database once the server is ready, in run mode only; a published server
                    // (compose, Kubernetes) creates it on its first start, as the official image does.
                    .WithEnvironment("POSTGRES_DB", databaseName)
                    .AddDatabase(name, databaseName);
            default:
                return builder.AddLocalPostgres(serverName, AppHostData.Directory(builder, serverName)).AddDatabase(name, databaseName);
        }
    }
}
