using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace PatternQuality.Api.Problems;

/// <summary>A table the API reads does not exist yet: the migrator has not run. 503, not 500.</summary>
public sealed class SchemaNotReadyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } missing)
        {
            return false;
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database schema is not migrated",
                Detail = $"{missing.MessageText}; run PatternQuality.Migrator `up`.",
            },
        });
    }
}
