using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>
/// Qdrant's key check on REST: <c>api-key</c> header, else <c>Authorization: Bearer</c>. The health
/// endpoints and <c>/</c> stay open. A read-only key may read but not write (403).
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next, ApiKeys keys)
{
    private static readonly string[] OpenPaths = ["/", "/healthz", "/livez", "/readyz"];
    private static readonly string[] ReadOnlyPostSuffixes = ["/points/scroll", "/points/count", "/points"];

    public async Task InvokeAsync(HttpContext context)
    {
        // gRPC calls have their own check (QdrantStatusInterceptor), with gRPC's status codes.
        if (OpenPaths.Contains(context.Request.Path.Value) || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true)
        {
            await next(context);
            return;
        }

        switch (keys.Check(context.Request.Headers["api-key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()))
        {
            case KeyAccess.Missing:
                await PlainUnauthorizedAsync(context, ApiKeys.MissingMessage);
                break;
            case KeyAccess.Invalid:
                await PlainUnauthorizedAsync(context, ApiKeys.InvalidMessage);
                break;
            case KeyAccess.ReadOnly when IsWrite(context.Request):
                await QdrantResponse.ErrorAsync(context, new QdrantError(QdrantErrorKind.Forbidden, ApiKeys.ReadOnlyMessage));
                break;
            default:
                await next(context);
                break;
        }
    }

    private static bool IsWrite(HttpRequest request) =>
        !HttpMethods.IsGet(request.Method)
        && !(HttpMethods.IsPost(request.Method) && ReadOnlyPostSuffixes.Any(suffix => request.Path.Value!.EndsWith(suffix, StringComparison.Ordinal)));

    private static Task PlainUnauthorizedAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message);
    }
}
