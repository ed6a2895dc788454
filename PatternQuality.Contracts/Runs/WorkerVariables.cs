namespace PatternQuality.Contracts.Runs;

/// <summary>The environment that makes backfill processes workers of one run, as the engines that start them set it.</summary>
public static class WorkerVariables
{
    /// <summary>Workers given the same name share one run.</summary>
    public const string RunName = "BACKFILL_RUN_NAME";

    /// <summary>What a Kubernetes Indexed Job sets in each pod: the segment a worker tries first.</summary>
    public const string CompletionIndex = "JOB_COMPLETION_INDEX";
}
