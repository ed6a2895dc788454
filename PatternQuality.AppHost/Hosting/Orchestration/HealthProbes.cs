using System.Data.Common;
using Npgsql;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>
/// The readiness check of each kind of resource: a PostgreSQL login (and the database), Qdrant's
/// <c>/readyz</c>, a project's <c>WithHttpHealthCheck</c> path. A probe answers null when healthy,
/// else why not.
/// </summary>
internal static class HealthProbes
{
    public static Func<CancellationToken, Task<string?>>? For(IResource resource, RuntimeValues values, IHttpClientFactory httpClients) => resource switch
    {
        PostgresServerResource server => token => LoginAsync(new NpgsqlConnectionStringBuilder(values.ConnectionString(server)) { Database = "postgres" }, token),
        PostgresDatabaseResource database => token => LoginAsync(new NpgsqlConnectionStringBuilder(values.ConnectionString(database)), token),
        QdrantServerResource qdrant => token => HttpAsync(httpClients, QdrantRest(qdrant, values), "/readyz", token),
        ProjectResource project when project.AnnotationsOf<HttpHealthCheckAnnotation>().FirstOrDefault() is { } check =>
            token => HttpAsync(httpClients, (project.GetEndpoint(check.EndpointName).Annotation.Allocated!.Url, null), check.Path, token),
        _ => null,
    };

    /// <summary>The REST address and key of a Qdrant, run here or given by <c>ConnectionStrings:{name}_http</c>.</summary>
    public static (string Url, string? Key) QdrantRest(QdrantServerResource qdrant, RuntimeValues values)
    {
        var connectionString = values.ConfiguredConnectionString($"{qdrant.Name}_http") ?? qdrant.HttpConnectionStringExpression.Render(values.Render);
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return (parts.TryGetValue("Endpoint", out var endpoint) ? endpoint.ToString()!.TrimEnd('/') : connectionString,
            parts.TryGetValue("Key", out var key) && key.ToString() is { Length: > 0 } text ? text : null);
    }

    private static async Task<string?> LoginAsync(NpgsqlConnectionStringBuilder connectionString, CancellationToken cancellationToken)
    {
        connectionString.Timeout = 3;
        connectionString.Pooling = false;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            return "password authentication failed: the data was made with another postgres-password (see secrets.json in the data folder)";
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return ex.Message;
        }
    }

    private static async Task<string?> HttpAsync(IHttpClientFactory httpClients, (string Url, string? Key) target, string path, CancellationToken cancellationToken)
    {
        using var client = httpClients.CreateClient("health");
        client.Timeout = TimeSpan.FromSeconds(5);
        using var request = new HttpRequestMessage(HttpMethod.Get, target.Url + path);
        if (target.Key is not null)
        {
            request.Headers.Add("api-key", target.Key);
        }

        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"GET {path} answered {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"GET {path}: {ex.Message}";
        }
    }
}
