using Microsoft.Extensions.Hosting;
using Npgsql;

namespace PatternQuality.ServiceDefaults.Configuration;

public static class DatabaseRegistration
{
    /// <summary>
    /// The omninode_bridge data source as Aspire.Npgsql registers it (<c>AddNpgsqlDataSource("omninode-bridge")</c>: health
    /// check, traces, metrics), its connection from <paramref name="databaseUrl"/>, the connection string or <c>DATABASE_URL</c>
    /// (<see cref="DatabaseSettings"/>); <paramref name="tune"/> adjusts it for the service.
    /// </summary>
    public static TBuilder AddOmninodeBridge<TBuilder>(
        this TBuilder builder, string applicationName, string? databaseUrl = null, Action<NpgsqlConnectionStringBuilder>? tune = null)
        where TBuilder : IHostApplicationBuilder
    {
        var settings = DatabaseSettings.Resolve(databaseUrl, builder.Configuration, applicationName);
        tune?.Invoke(settings);

        // Telemetry only when there is somewhere to send it, as everywhere in ServiceDefaults.
        var telemetry = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        builder.AddNpgsqlDataSource(DatabaseSettings.ConnectionName, npgsql =>
        {
            npgsql.ConnectionString = settings.ConnectionString;
            npgsql.DisableTracing = !telemetry;
            npgsql.DisableMetrics = !telemetry;
        });
        return builder;
    }
}
