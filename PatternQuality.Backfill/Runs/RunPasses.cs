using Microsoft.Extensions.DependencyInjection;
using PatternQuality.ServiceDefaults.CommandLine;

namespace PatternQuality.Backfill.Runs;

/// <summary>
/// A run, once, or with <c>--every</c> a pass, a wait, and another, until stopped: each pass a run of its own in the
/// journal (a scope of its own here), with coverage recorded after it. Stopped while it waits, it ends at once and well;
/// stopped during a pass, the pass ends as an interrupted run does, its checkpoint kept for the next start.
/// </summary>
public sealed class RunPasses(IServiceProvider services, CommandOutput answers)
{
    public async Task<int> RunAsync(TimeSpan? every, CancellationToken cancellationToken)
    {
        for (var pass = 1; ; pass++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var summary = await scope.ServiceProvider.GetRequiredService<BackfillRunner>().RunAsync(cancellationToken);
                summary.WriteTo(answers.Text);
                answers.Answer(summary.ToAnswer());
            }

            if (every is not { } wait)
            {
                return ExitCodes.Success;
            }

            answers.Text.WriteLine($"pass {pass} done; the next in {wait}");
            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                answers.Text.WriteLine($"stopped after pass {pass}, between passes");
                return ExitCodes.Success;
            }
        }
    }
}
