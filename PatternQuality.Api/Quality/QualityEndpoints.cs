using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PatternQuality.Api.Quality;

public static class QualityEndpoints
{
    public static IEndpointRouteBuilder MapQualityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/patterns/{patternId}/quality", GetPatternQualityAsync)
            .WithTags("Quality")
            .WithName("GetPatternQuality")
            .WithSummary("The latest score of one pattern: its five dimensions, confidence, version, measurement time and provenance.");

        var quality = app.MapGroup("/quality").WithTags("Quality");

        quality.MapGet("", ListQualityAsync)
            .WithName("ListQuality")
            .WithSummary("Scores best first, filtered by band, score range, collection and version; keyset pages with an opaque cursor.");

        quality.MapGet("/distribution", GetDistributionAsync)
            .WithName("GetQualityDistribution")
            .WithSummary("How many scores fall in each band, and the average score; optionally for one collection or per collection.");

        return app;
    }

    private static async Task<Results<Ok<PatternQualityView>, ValidationProblem, ProblemHttpResult>> GetPatternQualityAsync(
        string patternId, QualityReader reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(patternId, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["patternId"] = ["must be a UUID"] });
        }

        return await reader.FindAsync(id, cancellationToken) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No score for this pattern", detail: $"pattern {id:D} has no score");
    }

    private static async Task<Results<Ok<QualityPage>, ValidationProblem>> ListQualityAsync(
        [AsParameters] QualityQueryParameters parameters, QualityReader reader, PageCursor cursors, CancellationToken cancellationToken)
    {
        var (query, errors) = QualityQuery.Parse(parameters, cursors);
        return query is null ? TypedResults.ValidationProblem(errors) : TypedResults.Ok(await reader.ListAsync(query, cancellationToken));
    }

    private static async Task<Results<Ok<DistributionReport>, ValidationProblem>> GetDistributionAsync(
        [FromQuery(Name = "collection")] string? collection, [FromQuery(Name = "per_collection")] string? perCollection,
        QualityReader reader, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (collection is not null && !QualityQuery.IsCollectionName(collection))
        {
            errors["collection"] = [QualityQuery.CollectionNameRule];
        }

        var grouped = perCollection is null or "false" ? false : perCollection == "true" ? true : (bool?)null;
        if (grouped is null)
        {
            errors["per_collection"] = ["must be true or false"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await reader.DistributionAsync(collection, grouped!.Value, cancellationToken));
    }
}
