using Microsoft.AspNetCore.Http.Features;

namespace PatternQuality.LocalQdrant.Api;

/// <summary>
/// ASP.NET Core leaves <c>%2F</c> encoded in route values, so <c>/collections/a%2Fb</c> would name a collection
/// <c>a%2Fb</c>. Qdrant decodes the segment (then refuses the <c>/</c>): the name is taken from the raw request target.
/// </summary>
internal static class EncodedCollectionName
{
    private const string Prefix = "/collections/";

    public static IApplicationBuilder UseDecodedCollectionNames(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.RouteValues.ContainsKey("collection")
            && context.Features.Get<IHttpRequestFeature>()?.RawTarget is { } target
            && target.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var segment = target[Prefix.Length..];
            var end = segment.IndexOfAny(['/', '?']);
            context.Request.RouteValues["collection"] = Uri.UnescapeDataString(end < 0 ? segment : segment[..end]);
        }

        await next(context);
    });
}
