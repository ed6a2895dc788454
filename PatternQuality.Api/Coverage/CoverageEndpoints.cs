using Microsoft.AspNetCore.Http.HttpResults;

namespace PatternQuality.Api.Coverage;

public static class CoverageEndpoints
{
    public static IEndpointRouteBuilder MapCoverageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/quality").WithTags("Coverage").MapGet("/coverage", GetCoverageAsync)
            .WithName("GetCoverage")
            .WithSummary("How much of Qdrant is scored, as last measured (after a backfill run, or by `backfill coverage`), and how long ago.");
        return app;
    }

    private static async Task<Results<Ok<CoverageView>, ProblemHttpResult>> GetCoverageAsync(CoverageReader reader, CancellationToken cancellationToken) =>
        await reader.LatestAsync(cancellationToken) is { } coverage
            ? TypedResults.Ok(coverage)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No coverage measured yet",
                detail: "no coverage has been recorded: a completed backfill run records it, and so does `backfill coverage`");
}
