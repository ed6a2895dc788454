using System.Security.Cryptography;
using System.Text;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>
/// Qdrant's key check: <c>api-key</c> header, else <c>Authorization: Bearer</c>. The health
/// endpoints and <c>/</c> stay open. A read-only key may read but not write (403).
/// </summary>
public sealed class ApiKeyAuthentication(RequestDelegate next, LocalQdrantOptions options)
{
    private static readonly string[] OpenPaths = ["/", "/healthz", "/livez", "/readyz"];
    private static readonly string[] ReadOnlyPostSuffixes = ["/points/scroll", "/points/count", "/points"];

    public async Task InvokeAsync(HttpContext context)
    {
        if (options.ApiKey is null && options.ReadOnlyApiKey is null || OpenPaths.Contains(context.Request.Path.Value))
        {
            await next(context);
            return;
        }

        var presented = PresentedKey(context.Request);
        if (presented is null)
        {
            await PlainUnauthorizedAsync(context, "Must provide an API key or an Authorization bearer token");
        }
        else if (Matches(presented, options.ApiKey))
        {
            await next(context);
        }
        else if (Matches(presented, options.ReadOnlyApiKey))
        {
            if (IsWrite(context.Request))
            {
                await QdrantResponse.ErrorAsync(context, new QdrantError(System.Net.HttpStatusCode.Forbidden, "Forbidden: Global manage access is required"));
                return;
            }

            await next(context);
        }
        else
        {
            await PlainUnauthorizedAsync(context, "Invalid API key or JWT");
        }
    }

    private static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("api-key", out var apiKey) && apiKey.Count > 0)
        {
            return apiKey[0];
        }

        var authorization = request.Headers.Authorization.ToString();
        // Qdrant reads the scheme as written, "Bearer " only: "bearer x" is no key at all.
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..].Trim() : null;
    }

    private static bool Matches(string presented, string? expected) =>
        expected is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

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
