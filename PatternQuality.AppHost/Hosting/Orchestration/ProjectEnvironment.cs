namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// A project's whole environment in a local run: the AppHost's own minus anything that would
/// point it elsewhere, the model's variables, its URLs, and OpenTelemetry's, as Aspire sets them.
/// </summary>
internal static class ProjectEnvironment
{
    private static readonly string[] InheritedPrefixesRemoved =
        ["ConnectionStrings__", "services__", "OTEL_", "Parameters__", "AppHost__", "Publishing__"];

    private static readonly string[] InheritedNamesRemoved =
        ["ASPNETCORE_URLS", "HTTP_PORTS", "HTTPS_PORTS", "DOTNET_LAUNCH_PROFILE", "DATABASE_URL", "QDRANT_URL", "QDRANT_API_KEY"];

    public static Dictionary<string, string?> Build(
        ProjectResource project, DistributedApplicationExecutionContext executionContext, RuntimeValues values, OtlpTarget? otlp, string environmentName)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Environment.GetEnvironmentVariables().Keys.Cast<string>()
                     .Where(n => InheritedPrefixesRemoved.Any(p => n.StartsWith(p, StringComparison.OrdinalIgnoreCase)) || InheritedNamesRemoved.Contains(n)))
        {
            environment[name] = null;
        }

        environment["DOTNET_ENVIRONMENT"] = environmentName;
        environment["ASPNETCORE_ENVIRONMENT"] = environmentName;
        var urls = project.Endpoints().Where(e => e.Allocated is not null).Select(e => e.Allocated!.Url).ToList();
        if (urls.Count > 0)
        {
            environment["ASPNETCORE_URLS"] = string.Join(';', urls);
        }

        foreach (var (name, value) in OpenTelemetryVariables(project.Name, otlp, environmentName == "Development"))
        {
            environment[name] = value;
        }

        foreach (var (name, value) in ResourceEnvironment.Build(project, executionContext, values))
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The exporter settings; the endpoint only when there is somewhere to send to.</summary>
    public static IEnumerable<KeyValuePair<string, string>> OpenTelemetryVariables(string serviceName, OtlpTarget? otlp, bool development)
    {
        yield return new("OTEL_SERVICE_NAME", serviceName);
        yield return new("OTEL_RESOURCE_ATTRIBUTES", $"service.instance.id={serviceName}-{Guid.NewGuid().ToString("N")[..8]}");
        foreach (var pair in ManifestOpenTelemetryVariables)
        {
            yield return pair;
        }

        if (otlp is null)
        {
            yield break;
        }

        yield return new("OTEL_EXPORTER_OTLP_ENDPOINT", otlp.Endpoint);
        yield return new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        if (otlp.ApiKey is { } key)
        {
            yield return new("OTEL_EXPORTER_OTLP_HEADERS", $"x-otlp-api-key={key}");
        }

        if (development)
        {
            yield return new("OTEL_BLRP_SCHEDULE_DELAY", "1000");
            yield return new("OTEL_BSP_SCHEDULE_DELAY", "1000");
            yield return new("OTEL_METRIC_EXPORT_INTERVAL", "1000");
            yield return new("OTEL_METRICS_EXEMPLAR_FILTER", "trace_based");
        }
    }

    /// <summary>What Aspire also writes into a manifest's project env.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> ManifestOpenTelemetryVariables =
    [
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EXCEPTION_LOG_ATTRIBUTES", "true"),
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_EMIT_EVENT_LOG_ATTRIBUTES", "true"),
        new("OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY", "in_memory"),
    ];
}

/// <summary>Where projects send telemetry: the dashboard's receiver (with its key) or a collector named in AppHost:OtlpEndpoint.</summary>
internal sealed record OtlpTarget(string Endpoint, string? ApiKey);
