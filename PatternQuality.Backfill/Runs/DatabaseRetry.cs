using Microsoft.Extensions.Logging;
using Npgsql;
using Polly;
using Polly.Retry;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// Retries database work through transient faults (a restart, a dropped connection, too many
/// clients) with exponential backoff for about a minute, then gives up.
/// </summary>
public static class DatabaseRetry
{
    public static ResiliencePipeline Create(ILogger logger, int maxAttempts = 10) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(IsTransient),
            MaxRetryAttempts = maxAttempts,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(10),
            UseJitter = true,
            OnRetry = retry =>
            {
                logger.LogWarning("Database unavailable ({Reason}); retry {Attempt} in {Delay:0.0} s",
                    retry.Outcome.Exception?.Message, retry.AttemptNumber + 1, retry.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    public static bool IsTransient(NpgsqlException exception) =>
        exception.IsTransient || exception is PostgresException { SqlState: var state } && state.StartsWith("08", StringComparison.Ordinal);
}
