using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// The part of Qdrant's REST API the backfill uses (shared/qdrant/CONTRACT.md). Transient
/// failures are retried by the HttpClient's standard resilience handler (ServiceDefaults).
/// </summary>
public sealed class QdrantClient
{
    private readonly HttpClient http;

    public QdrantClient(HttpClient http, QdrantSettings settings)
    {
        this.http = http;
        http.BaseAddress = settings.Endpoint;
        if (settings.ApiKey is not null)
        {
            http.DefaultRequestHeaders.Add("api-key", settings.ApiKey);
        }
    }

    public async Task<IReadOnlyList<string>> ListCollectionsAsync(CancellationToken cancellationToken)
    {
        using var document = await SendAsync(HttpMethod.Get, "collections", null, cancellationToken);
        return document.RootElement.GetProperty("result").GetProperty("collections").EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()!).ToList();
    }

    public async Task<long> CountAsync(string collection, CancellationToken cancellationToken)
    {
        using var document = await SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/count", "{\"exact\":true}", cancellationToken);
        return document.RootElement.GetProperty("result").GetProperty("count").GetInt64();
    }

    /// <summary>A page of points with payloads only, starting at <paramref name="offsetJson"/> (inclusive) or at the first point.</summary>
    public async Task<ScrollPage> ScrollAsync(string collection, string? offsetJson, int limit, CancellationToken cancellationToken)
    {
        var body = $"{{\"limit\":{limit},\"with_payload\":true,\"with_vector\":false{(offsetJson is null ? "" : $",\"offset\":{offsetJson}")}}}";
        var document = await SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", body, cancellationToken);
        var result = document.RootElement.GetProperty("result");
        var points = new List<ScrolledPoint>(limit);
        foreach (var record in result.GetProperty("points").EnumerateArray())
        {
            // Servers since 1.10 omit a null payload; older ones send null. Both read as "none".
            var payload = record.TryGetProperty("payload", out var p) ? p : default;
            points.Add(new ScrolledPoint(record.GetProperty("id"), payload));
        }

        var next = result.TryGetProperty("next_page_offset", out var n) && n.ValueKind != JsonValueKind.Null ? n.GetRawText() : null;
        return new ScrollPage(document, points, next);
    }

    public async Task CreateCollectionAsync(string collection, int vectorSize, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Put, $"collections/{Escape(collection)}",
            $"{{\"vectors\":{{\"size\":{vectorSize},\"distance\":\"Cosine\"}}}}", cancellationToken);
    }

    /// <summary>Upserts points given as a JSON array of <c>{"id","vector","payload"}</c>, waiting until they are stored.</summary>
    public async Task UpsertAsync(string collection, string pointsJsonArray, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(HttpMethod.Put, $"collections/{Escape(collection)}/points?wait=true",
            $"{{\"points\":{pointsJsonArray}}}", cancellationToken);
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        }

        throw new QdrantException(response.StatusCode, $"Qdrant answered {(int)response.StatusCode} to {method} /{path.Split('?')[0]}: {await ErrorTextAsync(stream, cancellationToken)}");
    }

    /// <summary>The message of an error envelope, or the plain text Qdrant sends for 401.</summary>
    private static async Task<string> ErrorTextAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
                && status.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
        }

        return text.Length > 200 ? text[..200] : text.ReplaceLineEndings(" ");
    }

    private static string Escape(string collection) => Uri.EscapeDataString(collection);

    public static bool IsNotFound(Exception exception) => exception is QdrantException { Status: HttpStatusCode.NotFound };
}
