using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace PatternQuality.Api.Runs;

public static class BackfillRunEndpoints
{
    public static IEndpointRouteBuilder MapBackfillRunEndpoints(this IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/backfill/runs").WithTags("Backfill runs");

        runs.MapGet("", ListRunsAsync)
            .WithName("ListBackfillRuns")
            .WithSummary("Backfill runs, newest first: status, progress and counts.");

        runs.MapGet("/{id}", GetRunAsync)
            .WithName("GetBackfillRun")
            .WithSummary("One backfill run with the progress of each collection segment.");

        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<BackfillRunView>>, ValidationProblem>> ListRunsAsync(
        [FromQuery(Name = "limit")] string? limit, BackfillRunReader reader, CancellationToken cancellationToken)
    {
        var count = 20;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 500))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["must be a whole number from 1 to 500"] });
        }

        return TypedResults.Ok(await reader.ListAsync(count, cancellationToken));
    }

    private static async Task<Results<Ok<BackfillRunView>, ValidationProblem, ProblemHttpResult>> GetRunAsync(
        string id, BackfillRunReader reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var runId))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be a UUID"] });
        }

        return await reader.FindAsync(runId, cancellationToken) is { } run
            ? TypedResults.Ok(run)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such backfill run", detail: $"run {runId:D} is not in the journal");
    }
}
