namespace PatternQuality.Backfill.Runs;

/// <summary>Tasks run side by side (segments, worker slots): the first to fail cancels the rest.</summary>
internal static class SiblingTasks
{
    public static async Task<T> CancelOthersOnFailure<T>(Task<T> task, CancellationTokenSource stop)
    {
        try
        {
            return await task;
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }
}
