using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PatternQuality.Api.Quality;

namespace PatternQuality.Api.Lookup;

public static class LookupEndpoints
{
    public static IEndpointRouteBuilder MapLookupEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/quality").WithTags("Quality").MapPost("/lookup", LookupAsync)
            .Accepts<JsonElement>("application/json")
            .WithName("LookupQuality")
            .WithSummary($"The scores of up to {LookupRequest.MaxItems} patterns at once, by pattern id and/or by Qdrant point, in one query; those without one listed.");
        return app;
    }

    private static async Task<Results<Ok<LookupAnswer>, ValidationProblem>> LookupAsync(
        HttpRequest http, QualityReader reader, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException invalid)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [$"the body is not JSON: {invalid.Message}"] });
        }

        var (request, errors) = LookupRequest.Parse(body);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var wanted = request.PatternIds.Concat(request.Points.Select(p => p.PatternId)).Distinct().ToArray();
        var found = await reader.FindManyAsync(wanted, cancellationToken);
        var scored = found.Select(view => view.PatternId).ToHashSet();
        return TypedResults.Ok(new LookupAnswer(
            found,
            new NotFound(
                [.. request.PatternIds.Where(id => !scored.Contains(id)).Distinct()],
                [.. request.Points.Where(p => !scored.Contains(p.PatternId)).Select(p => p.Point)])));
    }
}
