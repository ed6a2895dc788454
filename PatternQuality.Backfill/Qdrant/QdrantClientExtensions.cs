using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.ServiceDefaults.Configuration;
using Qdrant.Client;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Registers one <see cref="QdrantClient"/> for the process as Aspire.Qdrant.Client does (which is not served here):
/// settings from <c>Aspire:Qdrant:Client</c>, then <c>ConnectionStrings:{name}</c>, then the caller's; a health check
/// unless disabled. Beyond it: <c>QDRANT_URL</c> and <c>QDRANT_API_KEY</c> when nothing else names the server.
/// </summary>
public static class QdrantClientExtensions
{
    public const string ConfigurationSection = "Aspire:Qdrant:Client";

    /// <summary>A scroll page of large payloads passes gRPC's default of 4 MB; Qdrant itself sends up to its own limit.</summary>
    private const int MaxPageBytes = 256 * 1024 * 1024;

    public static void AddQdrantClient(this IHostApplicationBuilder builder, string connectionName, Action<QdrantClientSettings>? configureSettings = null)
    {
        var settings = new QdrantClientSettings();
        builder.Configuration.GetSection(ConfigurationSection).Bind(settings);
        if (builder.Configuration.GetConnectionString(connectionName) is { Length: > 0 } connectionString)
        {
            settings.ParseConnectionString(connectionString);
        }

        configureSettings?.Invoke(settings);
        if (settings.Endpoint is null && builder.Configuration["QDRANT_URL"] is { Length: > 0 } url)
        {
            settings.ParseConnectionString(url);
        }

        settings.Key ??= builder.Configuration["QDRANT_API_KEY"] is { Length: > 0 } key ? key : null;
        var endpoint = settings.Endpoint ?? throw new InvalidSettingException(
            $"no Qdrant given: pass --qdrant-url, or set ConnectionStrings__{connectionName}, {ConfigurationSection.Replace(":", "__", StringComparison.Ordinal)}__Endpoint or QDRANT_URL");

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(services => CreateInvoker(endpoint, settings.Key, services.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddSingleton(services => new QdrantClient(
            new QdrantGrpcClient(services.GetRequiredService<CallInvoker>()), grpcTimeout: default, services.GetRequiredService<ILoggerFactory>()));
        if (!settings.DisableHealthChecks)
        {
            builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
                "Qdrant.Client", services => new QdrantHealthCheck(services.GetRequiredService<QdrantClient>()), null, null, settings.HealthCheckTimeout));
        }
    }

    /// <summary>The one channel to Qdrant, which Qdrant.Client and the backfill's own scroll (<see cref="QdrantPatterns"/>) call through.</summary>
    public static CallInvoker CreateInvoker(Uri endpoint, string? key = null, ILoggerFactory? loggerFactory = null)
    {
        var channel = GrpcChannel.ForAddress(endpoint, new GrpcChannelOptions
        {
            // Segments scroll side by side: more than one HTTP/2 connection when streams queue on one.
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
            MaxReceiveMessageSize = MaxPageBytes,
            LoggerFactory = loggerFactory,
            DisposeHttpClient = true,
            // A per-attempt timeout cancels the call: Polly reads that as the timeout it is, not as a failure of Qdrant.
            ThrowOperationCanceledOnCancellation = true,
        });
        return key is null ? channel.CreateCallInvoker() : channel.Intercept(metadata =>
        {
            metadata.Add("api-key", key);
            return metadata;
        });
    }
}
