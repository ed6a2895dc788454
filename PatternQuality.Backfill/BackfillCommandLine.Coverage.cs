using System.CommandLine;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PatternQuality.Backfill.Coverage;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Tools;
using PatternQuality.ServiceDefaults.CommandLine;
using Polly.Timeout;

namespace PatternQuality.Backfill;

/// <summary>The backfill's commands that keep coverage true: <c>coverage</c> and <c>prune</c>, and <c>run --every</c>'s interval.</summary>
public sealed partial class BackfillCommandLine
{
    private Command CoverageCommand() => CoverageToolCommand(
        new Command(BackfillArguments.Coverage, "measure how much of Qdrant is scored (scored, outdated, unscored, orphan scores) and record it"),
        async (qdrant, dataSource, _, answers, ct) =>
        {
            var coverage = await RecordingNothingIfQdrantFails(async () =>
                await new CoverageCheck(qdrant, dataSource).MeasureAsync(await CoverageCollections.ExistingAsync(qdrant, ct), null, ct));
            RunReports.Answer<CoverageAnswer>(answers)(coverage);
        });

    private Command PruneCommand()
    {
        var expectOrphans = new Option<long?>(BackfillArguments.ExpectOrphans)
        {
            Description = "delete the orphan scores (whose pattern is in no collection of Qdrant) only if exactly this many are found",
            HelpName = "N",
        };
        var undo = new Option<long?>(BackfillArguments.Undo) { Description = "put the scores of this prune back", HelpName = "ID" };
        var command = new Command(BackfillArguments.Prune, "delete the orphan scores, as many as confirmed, into an archive (never done by a run); or undo a prune")
        {
            expectOrphans, undo,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(expectOrphans) is null) == (result.GetResult(undo) is null))
            {
                result.AddError($"prune needs {BackfillArguments.ExpectOrphans} N (the orphans a coverage check counted) or {BackfillArguments.Undo} ID, one of them");
            }
            else if (result.GetValue(expectOrphans) is < 0 || result.GetValue(undo) is < 1)
            {
                result.AddError($"{BackfillArguments.ExpectOrphans} is 0 or more, {BackfillArguments.Undo} a prune's id, 1 or more");
            }
        });
        return CoverageToolCommand(command, async (qdrant, dataSource, parse, answers, ct) =>
        {
            var prune = new OrphanPrune(qdrant, dataSource);
            if (parse.GetValue(undo) is { } pruneId)
            {
                RunReports.Answer<PruneAnswer>(answers)(await prune.UndoAsync(pruneId, ct));
                return;
            }

            var (pruned, coverage) = await RecordingNothingIfQdrantFails(async () =>
                await prune.PruneAsync(await CoverageCollections.ExistingAsync(qdrant, ct), parse.GetValue(expectOrphans)!.Value, ct));
            RunReports.Answer<CoverageAnswer>(answers)(coverage);
            RunReports.Answer<PruneAnswer>(answers)(pruned);
        });
    }

    /// <summary>A command over both servers that needs the schema recording coverage and prunes (migration 020).</summary>
    private Command CoverageToolCommand(
        Command command, Func<QdrantPatterns, NpgsqlDataSource, ParseResult, CommandOutput, CancellationToken, Task> work)
    {
        var databaseUrl = DatabaseUrlOption();
        var qdrantUrl = QdrantUrlOption();
        command.Options.Add(databaseUrl);
        command.Options.Add(qdrantUrl);
        command.SetAction((parse, cancellationToken) => shell.RunAsync(
            parse,
            builder =>
            {
                AddQdrant(builder, parse.GetValue(qdrantUrl));
                AddDatabase(builder, parse.GetValue(databaseUrl));
            },
            async (services, answers, ct) =>
            {
                var (qdrant, dataSource) = (services.GetRequiredService<QdrantPatterns>(), services.GetRequiredService<NpgsqlDataSource>());
                if (!await new CoverageCheck(qdrant, dataSource).SchemaReadyAsync(ct))
                {
                    throw new BackfillException("the database does not record coverage (migration 020): run the migrator's `up` first");
                }

                await work(qdrant, dataSource, parse, answers, ct);
                return ExitCodes.Success;
            },
            cancellationToken));
        return command;
    }

    private static Option<TimeSpan?> EveryOption()
    {
        var option = new Option<TimeSpan?>(BackfillArguments.Every)
        {
            Description = $"run a pass, wait this long, run again, until stopped: {PassInterval.Format}",
            HelpName = "INTERVAL",
            CustomParser = result =>
            {
                var interval = PassInterval.Parse(result.Tokens[0].Value, out var error);
                if (error is not null)
                {
                    result.AddError($"{BackfillArguments.Every}: {error}");
                }

                return interval;
            },
        };
        return option;
    }

    /// <summary>A measurement is one transaction with its scan: when Qdrant fails it, nothing is recorded, and the reason says so.</summary>
    private static async Task<T> RecordingNothingIfQdrantFails<T>(Func<Task<T>> measure)
    {
        try
        {
            return await measure();
        }
        catch (Exception ex) when (ex is RpcException or TimeoutRejectedException)
        {
            throw new BackfillException($"cannot reach Qdrant: {QdrantRetry.Reason(ex)}; nothing was recorded");
        }
    }
}
