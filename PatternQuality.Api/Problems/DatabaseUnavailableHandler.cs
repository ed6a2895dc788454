using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace PatternQuality.Api.Problems;

/// <summary>
/// A database that cannot be reached (down, restarting, refusing connections) is a 503 the
/// client may retry, not a 500; the connection pool recovers by itself when it returns.
/// </summary>
public sealed class DatabaseUnavailableHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not NpgsqlException { IsTransient: true } and not TimeoutException)
        {
            return false;
        }

        logger.LogWarning("Database unavailable: {Reason}", exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The score database is unavailable",
                Detail = "The API cannot reach PostgreSQL right now; retry in a few seconds.",
            },
        });
    }
}
