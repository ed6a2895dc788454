using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

public static class RequestBody
{
    /// <summary>Qdrant refuses request bodies above 32 MiB.</summary>
    public const long MaxBytes = 32L * 1024 * 1024;

    /// <summary>The request's JSON body; an empty body reads as <c>{}</c>.</summary>
    public static async Task<JsonDocument> ReadAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBytes)
        {
            throw TooLarge(context.Request.ContentLength.Value);
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted);
            if (read.Buffer.Length > MaxBytes)
            {
                throw TooLarge(read.Buffer.Length);
            }

            if (read.IsCompleted)
            {
                try
                {
                    return read.Buffer.IsEmpty ? JsonDocument.Parse("{}") : JsonDocument.Parse(read.Buffer.ToArray());
                }
                catch (JsonException ex)
                {
                    throw QdrantError.Format(ex.Message.ReplaceLineEndings(" "));
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static QdrantError TooLarge(long length) => new(
        QdrantErrorKind.BadRequest,
        $"Payload error: JSON payload ({length} bytes) is larger than allowed (limit: {MaxBytes} bytes).");
}
