using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>Qdrant's envelopes: <c>{"result", "status": "ok", "time"}</c> and <c>{"status": {"error"}, "time"}</c>.</summary>
public static class QdrantResponse
{
    private const string StartedKey = "qdrant.started";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void MarkStart(HttpContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public static async Task OkAsync(HttpContext context, Action<Utf8JsonWriter> writeResult)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WritePropertyName("result");
        writeResult(writer);
        writer.WriteString("status", "ok");
        writer.WriteNumber("time", Elapsed(context));
        writer.WriteEndObject();
        await writer.FlushAsync();
    }

    public static async Task ErrorAsync(HttpContext context, QdrantError error)
    {
        context.Response.StatusCode = StatusOf(error.Kind);
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartObject("status");
        writer.WriteString("error", error.Message);
        writer.WriteEndObject();
        writer.WriteNumber("time", Elapsed(context));
        writer.WriteEndObject();
        await writer.FlushAsync();
    }

    public static void WriteUpdateResult(Utf8JsonWriter writer, long operationId, bool wait)
    {
        writer.WriteStartObject();
        writer.WriteNumber("operation_id", operationId);
        writer.WriteString("status", wait ? "completed" : "acknowledged");
        writer.WriteEndObject();
    }

    private static double Elapsed(HttpContext context) =>
        context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp
            ? Stopwatch.GetElapsedTime(timestamp).TotalSeconds
            : 0.0;

    /// <summary>Each kind of error as the HTTP status Qdrant's REST API answers it with.</summary>
    private static int StatusOf(QdrantErrorKind kind) => kind switch
    {
        QdrantErrorKind.NotFound => StatusCodes.Status404NotFound,
        QdrantErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        QdrantErrorKind.Validation => StatusCodes.Status422UnprocessableEntity,
        QdrantErrorKind.AlreadyExists => StatusCodes.Status409Conflict,
        QdrantErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status500InternalServerError,
    };
}
