using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PatternQuality.Migrator.Migrations;
using PatternQuality.ServiceDefaults.CommandLine;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.Migrator;

/// <summary>
/// The migrator's command line: <c>up [--to N]</c>, <c>down --to N [--delete-orphans [--expect-orphans N]]</c>,
/// <c>status</c> and <c>verify</c>. Every failure ends in one line on stderr and a non-zero
/// exit code, because orchestrators (WaitForCompletion, Kubernetes Jobs, compose) read it.
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
        var command = new Command("up", "apply pending migrations (adopting an existing schema that has no journal)") { to };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog) =>
        {
            await Runner(parse, services, dataSource, catalog).UpAsync(parse.GetValue(to), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command DownCommand()
    {
        var to = VersionOption("roll back every applied migration above this version");
        to.Required = true;
        var deleteOrphans = new Option<bool>("--delete-orphans")
        {
            Description = "when restoring the lineage foreign key (rolling back 013), delete the scores that have no lineage node instead of refusing",
        };
        var expectOrphans = new Option<long?>("--expect-orphans")
        {
            Description = "with --delete-orphans: delete only if exactly this many scores have no lineage node (the count a refusal named)",
            HelpName = "N",
        };
        expectOrphans.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var text }] && long.TryParse(text, out var count) && count < 0)
            {
                result.AddError("--expect-orphans must be 0 or more");
            }
        });
        var command = new Command("down", "roll back to a version; one transaction, all or nothing") { to, deleteOrphans, expectOrphans };
        command.Validators.Add(result =>
        {
            if (result.GetResult(expectOrphans) is not null && !result.GetValue(deleteOrphans))
            {
                result.AddError("--expect-orphans confirms a deletion: give it with --delete-orphans");
            }
        });
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog) =>
        {
            await Runner(parse, services, dataSource, catalog).DownAsync(
                parse.GetValue(to)!.Value, parse.GetValue(deleteOrphans), parse.GetValue(expectOrphans), cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command StatusCommand()
    {
        var command = new Command("status", "list migrations and whether each is applied, adopted, pending or changed");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, catalog) =>
        {
            var unchanged = await new MigrationStatus(dataSource, catalog, output).ReportAsync(cancellationToken);
            if (!unchanged)
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
        var command = new Command("verify", "run the operator's checks: no foreign key, unique key, row count, score distribution") { expectRows };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken, async (services, dataSource, _) =>
        {
            await new OperatorChecks(dataSource, output).VerifyAsync(parse.GetValue(expectRows), cancellationToken);
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

    private MigrationRunner Runner(ParseResult parse, IServiceProvider services, NpgsqlDataSource dataSource, MigrationCatalog catalog) => new(
        dataSource, catalog, output, services.GetRequiredService<ILogger<MigrationRunner>>(),
        TimeSpan.FromSeconds(parse.GetValue(lockTimeoutSeconds)));

    private Task<int> RunAsync(
        ParseResult parse, CancellationToken cancellationToken, Func<IServiceProvider, NpgsqlDataSource, MigrationCatalog, Task<int>> work) =>
        shell.RunAsync(
            builder => builder.AddOmninodeBridge("patternquality-migrator", parse.GetValue(databaseUrl)),
            async (services, _) =>
            {
                var catalog = parse.GetValue(migrationsDirectory) is { } directory
                    ? MigrationCatalog.FromDirectory(directory)
                    : MigrationCatalog.BuiltIn();
                return await work(services, services.GetRequiredService<NpgsqlDataSource>(), catalog);
            },
            cancellationToken);

    private static (int, string)? Describe(Exception exception) => exception switch
    {
        MigratorException => (ExitCodes.Failure, exception.Message),
        OperationCanceledException => (ExitCodes.Failure, "interrupted; the migration in progress was rolled back"),
        _ => null,
    };
}
