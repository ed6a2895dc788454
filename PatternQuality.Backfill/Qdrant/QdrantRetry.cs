using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Qdrant calls through transient faults, as the standard HTTP resilience handler did for REST: each attempt
/// may take 10 s; an unavailable server, a dropped connection, a deadline or an internal error is retried three
/// times with exponential backoff; what still fails ends the run, which then resumes from its checkpoint.
/// Every Qdrant call of the backfill is a read or an idempotent upsert, so a retry never doubles work.
/// </summary>
public static class QdrantRetry
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    private static readonly StatusCode[] Transient =
        [StatusCode.Unavailable, StatusCode.DeadlineExceeded, StatusCode.Aborted, StatusCode.Unknown, StatusCode.Internal];

    public static ResiliencePipeline Create(ILogger logger, int maxRetries = 3) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<RpcException>(ex => Transient.Contains(ex.StatusCode))
                .Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = maxRetries,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromSeconds(1),
            UseJitter = true,
            OnRetry = retry =>
            {
                logger.LogWarning("Qdrant call failed ({Reason}); retry {Attempt} in {Delay:0.0} s",
                    Reason(retry.Outcome.Exception), retry.AttemptNumber + 1, retry.RetryDelay.TotalSeconds);
                return ValueTask.CompletedTask;
            },
        })
        .AddTimeout(AttemptTimeout)
        .Build();

    /// <summary>A failure of a Qdrant call in one line: the status code and Qdrant's message.</summary>
    public static string Reason(Exception? exception) => exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        TimeoutRejectedException => $"no answer within {AttemptTimeout.TotalSeconds:0} s",
        null => "unknown",
        _ => exception.Message,
    };
}
