using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>Starts each request's clock and turns errors into Qdrant's error envelope.</summary>
public sealed class QdrantErrorHandling(RequestDelegate next, ILogger<QdrantErrorHandling> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        QdrantResponse.MarkStart(context);
        try
        {
            await next(context);
        }
        catch (QdrantError error) when (!context.Response.HasStarted)
        {
            await QdrantResponse.ErrorAsync(context, error);
        }
        catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Request {Method} {Path} failed", context.Request.Method, context.Request.Path);
            await QdrantResponse.ErrorAsync(context, new QdrantError(QdrantErrorKind.Internal, $"Service internal error: {ex.Message}"));
        }
    }
}
