using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Contracts.Answers;
using PatternQuality.Contracts.Tools;
using PatternQuality.Migrator.Migrations;
using PatternQuality.ServiceDefaults.CommandLine;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Migrator;

/// <summary>
/// The migrator's command line: <c>up [--to N]</c>, <c>down MIGRATION|--to N [--delete-orphans [--expect-orphans N]]</c>,
/// <c>status</c> and <c>verify</c>. Every failure ends in one line on stderr and a non-zero
/// exit code, because orchestrators (WaitForCompletion, Kubernetes Jobs, compose) read it;
/// with <c>--output json</c> each command also answers in a record of PatternQuality.Contracts.
/// The database is Aspire.Npgsql's <c>omninode-bridge</c> data source, fed by <c>--database-url</c>.
/// </summary>
public sealed class MigratorCommandLine(Func<HostApplicationBuilder> createHost, TextWriter output, TextWriter error)
{
    private readonly ToolCommandLine shell = new(createHost, output, error, Describe);

    private readonly Option<string?> databaseUrl = ToolCommandLine.DatabaseUrlOption();

    private readonly Option<string?> migrationsDirectory = new("--migrations-dir")
    {
        Description = "read the migrations from this directory instead of the set built into the program",
        Recursive = true,
    };

    private readonly Option<int> lockTimeoutSeconds = new("--lock-timeout")
    {
        Description = "seconds a migration may wait for a table lock before it gives up (default 30)",
        DefaultValueFactory = _ => 30,
        Recursive = true,
    };

    public Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default) =>
        shell.InvokeAsync(BuildRootCommand(), args, cancellationToken);

    private RootCommand BuildRootCommand()
    {
        lockTimeoutSeconds.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var seconds) && seconds is < 1 or > 86_400)
            {
                result.AddError("--lock-timeout must be between 1 and 86400 seconds");
            }
        });

        var root = new RootCommand("Applies, rolls back and checks the omninode_bridge schema migrations.")
        {
            databaseUrl,
            migrationsDirectory,
            lockTimeoutSeconds,
        };
        root.Subcommands.Add(UpCommand());
        root.Subcommands.Add(DownCommand());
        root.Subcommands.Add(StatusCommand());
        root.Subcommands.Add(VerifyCommand());
        return root;
    }

    private Command UpCommand()
    {
        var to = VersionOption("apply migrations up to and including this version (default: all)");
        var command = new Command(MigratorArguments.Up, "apply pending migrations (adopting an existing schema that has no journal)") { to };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog, answers) =>
        {
            answers.Answer(await Runner(parse, services, dataSource, catalog, answers).UpAsync(parse.GetValue(to), cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command DownCommand()
    {
        var migration = new Argument<int?>("migration")
        {
            Description = "the migration to undo, with every applied migration after it (013 restores the lineage foreign key)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        migration.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var version) && version < 1)
            {
                result.AddError("the migration to undo is a version number of 1 or more");
            }
        });
        var to = VersionOption("instead of naming a migration: roll back every applied migration above this version");
        var deleteOrphans = new Option<bool>(MigratorArguments.DeleteOrphans)
        {
            Description = "when restoring the lineage foreign key (rolling back 013), delete the scores that have no lineage node instead of refusing",
        };
        var expectOrphans = new Option<long?>(MigratorArguments.ExpectOrphans)
        {
            Description = $"with {MigratorArguments.DeleteOrphans}: delete only if exactly this many scores have no lineage node (the count a refusal named)",
            HelpName = "N",
        };
        expectOrphans.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && long.TryParse(text, out var count) && count < 0)
            {
                result.AddError($"{MigratorArguments.ExpectOrphans} must be 0 or more");
            }
        });
        var command = new Command(MigratorArguments.Down, "undo a migration and every one after it; one transaction, all or nothing") { migration, to, deleteOrphans, expectOrphans };
        command.Validators.Add(result =>
        {
            if ((result.GetResult(migration) is { Tokens.Count: > 0 }) == (result.GetResult(to) is not null))
            {
                result.AddError("down needs the migration to undo (down 013) or --to N, one of them");
            }

            if (result.GetResult(expectOrphans) is not null && !result.GetValue(deleteOrphans))
            {
                result.AddError($"{MigratorArguments.ExpectOrphans} confirms a deletion: give it with {MigratorArguments.DeleteOrphans}");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog, answers) =>
        {
            var undo = parse.GetValue(migration) ?? parse.GetValue(to)!.Value + 1;
            answers.Answer(await Runner(parse, services, dataSource, catalog, answers).DownAsync(
                undo, parse.GetValue(deleteOrphans), parse.GetValue(expectOrphans), cancellationToken));
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command StatusCommand()
    {
        var command = new Command(MigratorArguments.Status, "list migrations and whether each is applied, adopted, pending or changed");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog, answers) =>
        {
            var status = await new MigrationStatus(dataSource, catalog, answers.Text).ReportAsync(cancellationToken);
            answers.Answer(status);
            if (status.Changed.Count > 0)
            {
                error.WriteLine("error: an applied migration script was changed since it was applied");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private Command VerifyCommand()
    {
        var expectRows = new Option<long?>("--expect-rows")
        {
            Description = "also fail unless pattern_quality_metrics holds exactly this many rows",
        };
        var command = new Command(MigratorArguments.Verify, "run the operator's checks: no foreign key, unique key, row count, score distribution") { expectRows };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, _, answers) =>
        {
            var verify = await new OperatorChecks(dataSource, answers.Text).VerifyAsync(parse.GetValue(expectRows), cancellationToken);
            answers.Answer(verify);
            if (!verify.Passed)
            {
                error.WriteLine($"error: {verify.Headline()}");
                return ExitCodes.Failure;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<int?> VersionOption(string description)
    {
        var option = new Option<int?>("--to") { Description = description, HelpName = "N" };
        option.Validators.Add(result =>
        {
            // Runs before conversion errors surface, so read the token rather than the converted value.
            if (result.Tokens is [{ Value: var text }] && int.TryParse(text, out var version) && version < 0)
            {
                result.AddError("--to must be a version number of 0 or more");
            }
        });
        return option;
    }

    private MigrationRunner Runner(
        ParseResult parse, IServiceProvider services, NpgsqlDataSource dataSource, MigrationCatalog catalog, CommandOutput answers) => new(
        dataSource, catalog, answers.Text, services.GetRequiredService<ILogger<MigrationRunner>>(),
        TimeSpan.FromSeconds(parse.GetValue(lockTimeoutSeconds)));

    private Task<int> RunAsync(
        ParseResult parse, CancellationToken cancellationToken,
        Func<IServiceProvider, NpgsqlDataSource, MigrationCatalog, CommandOutput, Task<int>> work) =>
        shell.RunAsync(
            parse,
            // Error detail carries the counts 013's rollback refuses with (see its down script).
            builder => builder.AddOmninodeBridge("patternquality-migrator", parse.GetValue(databaseUrl), settings => settings.IncludeErrorDetail = true),
            async (services, answers, _) =>
            {
                var catalog = parse.GetValue(migrationsDirectory) is { } directory
                    ? MigrationCatalog.FromDirectory(directory)
                    : MigrationCatalog.BuiltIn();
                return await work(services, services.GetRequiredService<NpgsqlDataSource>(), catalog, answers);
            },
            cancellationToken);

    private static FailureAnswer? Describe(Exception exception) => exception switch
    {
        MigratorException refused => new FailureAnswer(ExitCodes.Failure, refused.Kind, refused.Message)
        {
            Orphans = refused.Orphans,
            ConfirmedOrphans = refused.ConfirmedOrphans,
        },
        OperationCanceledException => new FailureAnswer(ExitCodes.Failure, FailureKind.Interrupted, "interrupted; the migration in progress was rolled back"),
        _ => null,
    };
}
