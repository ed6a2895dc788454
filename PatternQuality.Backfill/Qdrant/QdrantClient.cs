using System.Buffers;
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
    public Task<ScrollPage> ScrollAsync(string collection, string? offsetJson, int limit, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", ScrollBody(offsetJson, limit, "true"), ReadPageAsync, cancellationToken);

    /// <summary>A page of whole records with the given payload selection, for the few callers that need raw payloads.</summary>
    public Task<JsonDocument> ScrollRecordsAsync(string collection, string? offsetJson, int limit, string withPayloadJson, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"collections/{Escape(collection)}/points/scroll", ScrollBody(offsetJson, limit, withPayloadJson), ReadDocumentAsync, cancellationToken);

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

    private Task<JsonDocument> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        SendAsync(method, path, body, ReadDocumentAsync, cancellationToken);

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, string? body, Func<Stream, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
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
            return await read(stream, cancellationToken);
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

    private static string ScrollBody(string? offsetJson, int limit, string withPayloadJson) =>
        $"{{\"limit\":{limit},\"with_payload\":{withPayloadJson},\"with_vector\":false{(offsetJson is null ? "" : $",\"offset\":{offsetJson}")}}}";

    private static async Task<JsonDocument> ReadDocumentAsync(Stream stream, CancellationToken cancellationToken) =>
        await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);

    /// <summary>Reads the page into a pooled buffer and parses it there: pages are large and frequent.</summary>
    private static async Task<ScrollPage> ReadPageAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return ScrollPageReader.Read(buffer.AsSpan(0, length));
                }

                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static bool IsNotFound(Exception exception) => exception is QdrantException { Status: HttpStatusCode.NotFound };
}
