using System.CommandLine;
using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Backfill.Coverage;
using PatternQuality.Backfill.Demo;
using PatternQuality.Backfill.Qdrant;
using PatternQuality.Backfill.Runs;
using PatternQuality.Backfill.Runs.Workers;
using PatternQuality.Backfill.Scoring;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Runs;
using PatternQuality.Contracts.Tools;
using PatternQuality.ServiceDefaults.CommandLine;
using PatternQuality.ServiceDefaults.Configuration;
using Polly.Timeout;

namespace PatternQuality.Backfill;

/// <summary>
/// The backfill's command line: <c>[run]</c> (the default), <c>score</c>, <c>seed-demo</c>, and <c>coverage</c> and <c>prune</c>
/// (BackfillCommandLine.Coverage.cs).
/// Every failure ends in one line on stderr and a non-zero exit code; a failed run keeps its
/// checkpoint, and running again resumes it. With <c>--output json</c> each command answers in a record of
/// PatternQuality.Contracts (a run's progress and summary, the seeding's outcome). Qdrant is Qdrant.Client's, registered as
/// <c>AddQdrantClient("qdrant")</c>; the database is Aspire.Npgsql's <c>omninode-bridge</c>.
/// </summary>
public sealed partial class BackfillCommandLine(Func<HostApplicationBuilder> createHost, TextWriter output, TextWriter error, TextReader input)
{
    private const string ApplicationName = "patternquality-backfill";
    private const string ResumeHint = "run again to resume from the last committed batch";

    private readonly ToolCommandLine shell = new(createHost, output, error, Describe);

    public async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Scores every pattern in Qdrant into pattern_quality_metrics.");
        var run = RunCommand(BackfillArguments.Run, "score and store every pattern of the collections (the default command)");
        root.Subcommands.Add(run);
        root.Subcommands.Add(ScoreCommandDefinition());
        root.Subcommands.Add(SeedDemoCommand());
        root.Subcommands.Add(CoverageCommand());
        root.Subcommands.Add(PruneCommand());

        // With no command, `run` it is: the backfill's AppHost resource starts it that way.
        return await shell.InvokeAsync(root, args.Length == 0 || args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version") ? [BackfillArguments.Run, .. args] : args, cancellationToken);
    }

    private Command RunCommand(string name, string description)
    {
        var collection = new Option<string?>("--collection") { Description = "one collection, or all (default: every one of " + string.Join(", ", BackfillOptions.DefaultCollections) + " that exists)" };
        var batchSize = Bounded(new Option<int>("--batch-size") { Description = "points per page and per database round trip (default 100)", DefaultValueFactory = _ => 100 }, 1, 10_000);
        var delay = Bounded(new Option<double>("--delay") { Description = "seconds to wait between batches (default 0)", DefaultValueFactory = _ => 0 }, 0, 3600);
        var limit = Bounded(new Option<long?>("--limit") { Description = "stop after this many patterns; the run stays resumable" }, 1, long.MaxValue);
        var minConfidence = Bounded(new Option<double?>("--min-confidence") { Description = "reject patterns whose confidence is below this (0 to 1)" }, 0, 1);
        var dryRun = new Option<bool>(BackfillArguments.DryRun) { Description = "score and report, write nothing" };
        var parallel = Bounded(new Option<int>("--parallel") { Description = "segments of each collection scrolled and written at once (default 2; a resumed run keeps its own)", DefaultValueFactory = _ => 2 }, 1, 64);
        var runName = new Option<string?>(BackfillArguments.RunName) { Description = $"workers given the same name share one run (default: {WorkerVariables.RunName}; none: a run of one)" };
        var segments = Bounded(new Option<int?>("--segments") { Description = "segments per collection of a new run, more than its workers (default: --parallel for a run of one, 16 for a named run)" }, 1, 4096);
        var workerIndex = Bounded(new Option<int?>("--worker-index") { Description = $"which segment this worker tries first (default: {WorkerVariables.CompletionIndex})" }, 0, 1_000_000);
        var leaseSeconds = Bounded(new Option<double>("--lease-seconds") { Description = "how long a claimed segment stays this worker's without a committed batch (default 30)", DefaultValueFactory = _ => 30 }, 0.5, 3600);
        var every = EveryOption();
        var databaseUrl = DatabaseUrlOption();
        var qdrantUrl = QdrantUrlOption();
        var command = new Command(name, description)
        {
            collection, batchSize, delay, limit, minConfidence, dryRun, parallel, runName, segments, workerIndex, leaseSeconds, every, databaseUrl, qdrantUrl,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new BackfillOptions
            {
                Segments = parse.GetValue(segments),
                Lease = TimeSpan.FromSeconds(parse.GetValue(leaseSeconds)),
                Collection = parse.GetValue(collection),
                BatchSize = parse.GetValue(batchSize),
                Delay = TimeSpan.FromSeconds(parse.GetValue(delay)),
                Limit = parse.GetValue(limit),
                MinConfidence = parse.GetValue(minConfidence),
                DryRun = parse.GetValue(dryRun),
                Parallel = parse.GetValue(parallel),
            };
            return shell.RunAsync(
                parse,
                builder =>
                {
                    // Read here, where a bad value from the environment ends in one line like a bad option.
                    options = options with { RunName = WorkerSettings.RunName(parse.GetValue(runName)), WorkerIndex = WorkerSettings.WorkerIndex(parse.GetValue(workerIndex)) };
                    if (parse.GetValue(every) is not null && options.RunName is not null)
                    {
                        throw new InvalidSettingException(
                            $"{BackfillArguments.Every} runs passes of a run of one; a run shared by workers ({BackfillArguments.RunName}, {WorkerVariables.RunName}) is one pass: schedule it instead");
                    }

                    AddQdrant(builder, parse.GetValue(qdrantUrl));
                    if (!options.DryRun)
                    {
                        AddDatabase(builder, parse.GetValue(databaseUrl));
                    }

                    builder.Services.AddBackfillRunner(options, RunReports.For(shell.Output(parse), output));
                },
                async (services, answers, ct) => await new RunPasses(services, answers).RunAsync(parse.GetValue(every), ct),
                cancellationToken);
        });
        return command;
    }

    private Command ScoreCommandDefinition()
    {
        var inputOption = new Option<string>("--input") { Description = "a JSON file with one pattern or an array of them; - or nothing reads stdin", DefaultValueFactory = _ => "-" };
        var command = new Command("score", "score patterns given as JSON (mapped patterns or Qdrant records) and print the scores") { inputOption };
        command.SetAction((parse, cancellationToken) => shell.RunAsync(parse, _ => { }, async (_, _, ct) =>
        {
            var path = parse.GetValue(inputOption)!;
            if (path != "-" && !File.Exists(path))
            {
                throw new InvalidSettingException($"input file '{path}' does not exist");
            }

            var text = path == "-" ? await input.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
            var rejected = ScoreCommand.Run(text, output);
            if (rejected > 0)
            {
                error.WriteLine($"error: {rejected} pattern(s) could not be scored (see \"rejected\" in the output)");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private Command SeedDemoCommand()
    {
        var patterns = Bounded(new Option<int>("--patterns") { Description = "how many patterns (default 1085: 1065 code_patterns, 20 execution_patterns)", DefaultValueFactory = _ => 1085 }, 1, 10_000_000);
        var withLineage = Bounded(new Option<int?>("--with-lineage") { Description = "how many of them get a lineage node (default 65 of 1085, the same share of other sizes)" }, 0, 10_000_000);
        var seed = new Option<int>("--seed") { Description = "the same seed gives the same dataset (default 42)", DefaultValueFactory = _ => 42 };
        var ifEmpty = new Option<bool>(BackfillArguments.IfEmpty) { Description = "do nothing when the demo's collections already hold points (the AppHost's first-run seeding)" };
        var waitForSchema = Bounded(new Option<int>(BackfillArguments.WaitForSchema) { Description = "seconds to wait for the lineage table when a migrator runs beside the seeding (default 0)", HelpName = "SECONDS" }, 0, 3600);
        var databaseUrl = DatabaseUrlOption();
        var qdrantUrl = QdrantUrlOption();
        var command = new Command(BackfillArguments.SeedDemo, "write the deterministic demo dataset into Qdrant and its lineage nodes into PostgreSQL")
        {
            patterns, withLineage, seed, ifEmpty, waitForSchema, databaseUrl, qdrantUrl,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var count = parse.GetValue(patterns);
            var lineage = parse.GetValue(withLineage) ?? (int)Math.Round(count * 65.0 / 1085.0);
            return shell.RunAsync(
                parse,
                builder =>
                {
                    if (lineage > count)
                    {
                        throw new InvalidSettingException("--with-lineage cannot exceed --patterns");
                    }

                    AddQdrant(builder, parse.GetValue(qdrantUrl));
                    if (lineage > 0)
                    {
                        AddDatabase(builder, parse.GetValue(databaseUrl));
                    }
                },
                async (services, answers, ct) =>
                {
                    var qdrant = services.GetRequiredService<QdrantPatterns>();
                    if (parse.GetValue(ifEmpty) && await DemoSeeder.HeldPointsAsync(qdrant, ct) is > 0 and var held)
                    {
                        var skipped = new SeedAnswer(0, 0, held);
                        answers.Text.WriteLine(skipped.Headline());
                        answers.Answer(skipped);
                        return ExitCodes.Success;
                    }

                    var dataSource = lineage > 0 ? services.GetRequiredService<NpgsqlDataSource>() : null;
                    await new DemoSeeder(qdrant, dataSource, answers.Text).SeedAsync(count, lineage, parse.GetValue(seed), TimeSpan.FromSeconds(parse.GetValue(waitForSchema)), ct);
                    answers.Answer(new SeedAnswer(count, lineage, null));
                    return ExitCodes.Success;
                },
                cancellationToken);
        });
        return command;
    }

    private static void AddQdrant(HostApplicationBuilder builder, string? flag)
    {
        builder.AddQdrantClient(QdrantConnectionName, settings =>
        {
            if (!string.IsNullOrWhiteSpace(flag))
            {
                settings.ParseConnectionString(flag);
            }
        });
        builder.Services.AddSingleton(services => new QdrantPatterns(
            services.GetRequiredService<CallInvoker>(), QdrantRetry.Create(services.GetRequiredService<ILogger<QdrantPatterns>>())));
    }

    // The batch statement runs thousands of times: let Npgsql prepare it so PostgreSQL plans it once.
    private static void AddDatabase(HostApplicationBuilder builder, string? flag) =>
        builder.AddOmninodeBridge(ApplicationName, flag, settings => settings.MaxAutoPrepare = Math.Max(settings.MaxAutoPrepare, 8));

    private const string QdrantConnectionName = "qdrant";

    private static Option<string?> DatabaseUrlOption() => ToolCommandLine.DatabaseUrlOption();

    private static Option<string?> QdrantUrlOption() => new("--qdrant-url")
    {
        Description = "Qdrant's gRPC address, http://host:6334, or Endpoint=...;Key=... (default: ConnectionStrings:qdrant, Aspire:Qdrant:Client, then QDRANT_URL; key also from QDRANT_API_KEY)",
    };

    private static Option<T> Bounded<T>(Option<T> option, double minimum, double maximum)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                && (value < minimum || value > maximum || !double.IsFinite(value)))
            {
                result.AddError($"{option.Name} must be between {minimum.ToString(CultureInfo.InvariantCulture)} and {maximum.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>The backfill's own failures, each as one line; a run that fails keeps its checkpoint.</summary>
    private static FailureAnswer? Describe(Exception exception) => exception switch
    {
        BackfillException => ToolCommandLine.Failed(exception.Message),
        PruneRefusedException refused => new FailureAnswer(ExitCodes.Failure, refused.Found is null ? FailureKind.UndoRefused : FailureKind.OrphanCountChanged, refused.Message)
        {
            Orphans = refused.Found,
            ConfirmedOrphans = refused.Confirmed,
        },
        RpcException { StatusCode: StatusCode.Unavailable } or TimeoutRejectedException =>
            ToolCommandLine.Failed($"cannot reach Qdrant: {QdrantRetry.Reason(exception)}; {ResumeHint}"),
        RpcException => ToolCommandLine.Failed($"Qdrant answered {QdrantRetry.Reason(exception)}; {ResumeHint}"),
        PostgresException postgres => ToolCommandLine.Failed($"database: {postgres.MessageText} (SQLSTATE {postgres.SqlState}); {ResumeHint}"),
        NpgsqlException npgsql => ToolCommandLine.Failed($"database: {npgsql.InnerException?.Message ?? npgsql.Message}; {ResumeHint}"),
        OperationCanceledException => new FailureAnswer(ExitCodes.Failure, FailureKind.Interrupted, $"interrupted; {ResumeHint}"),
        _ => null,
    };
}
