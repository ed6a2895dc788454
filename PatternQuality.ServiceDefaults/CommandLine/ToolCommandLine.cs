using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.Contracts.Answers;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.ServiceDefaults.CommandLine;

/// <summary>
/// The shell of a command-line tool (the migrator, the backfill): a usage error is one line and exit 2; each
/// command runs in a host built for it, so that its options feed the same registrations as configuration
/// (<c>--database-url</c> feeds <see cref="DatabaseRegistration.AddOmninodeBridge"/>); and every
/// failure ends in one line on stderr and a non-zero exit code, the host stopped so that telemetry is flushed.
/// With <c>--output json</c> every command, failed or not, also ends in its answer on stdout (<see cref="CommandOutput"/>).
/// </summary>
/// <param name="createHost">the tool's host builder: logging and service defaults, before a command adds its own</param>
/// <param name="describe">the tool's own failures as an answer; null for the ones it does not know</param>
public sealed class ToolCommandLine(
    Func<HostApplicationBuilder> createHost, TextWriter output, TextWriter error, Func<Exception, FailureAnswer?> describe)
{
    private readonly Option<string> outputFormat = new(ToolAnswers.OutputOption)
    {
        Description = "text for people (the default), or json for programs: one answer per line on stdout",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };

    public static Option<string?> DatabaseUrlOption() => new("--database-url")
    {
        Description = $"postgresql://user:pass@host:port/db or an Npgsql connection string (default: ConnectionStrings:{DatabaseSettings.ConnectionName}, then {DatabaseSettings.EnvironmentVariable})",
        Recursive = true,
    };

    /// <summary>
    /// A tool's host, before its logging and service defaults: its configuration is read once, not watched. A tool runs
    /// and exits, and the watcher on its content root woke for every file written under it (the backfill run from a
    /// directory PostgreSQL wrote into spent a tenth of its CPU there, perf, 100,000 patterns).
    /// </summary>
    public static HostApplicationBuilder CreateHostBuilder()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]);
        return Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], Configuration = configuration });
    }

    public static FailureAnswer Failed(string reason) => new(ExitCodes.Failure, FailureKind.Failed, reason);

    public async Task<int> InvokeAsync(RootCommand root, string[] args, CancellationToken cancellationToken)
    {
        outputFormat.AcceptOnlyFromAmong("text", ToolAnswers.JsonOutput);
        root.Options.Add(outputFormat);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            return Fail(Output(parseResult), new FailureAnswer(ExitCodes.Usage, FailureKind.Usage, $"{parseResult.Errors[0].Message} (see --help)"));
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>Where the command's output goes, by its <c>--output</c>.</summary>
    public CommandOutput Output(ParseResult parse) =>
        new(output, parse.GetResult(outputFormat) is { } result && !result.Errors.Any() && parse.GetValue(outputFormat) == ToolAnswers.JsonOutput);

    /// <summary>Ends a command that failed: its reason on stderr, and in JSON mode its answer.</summary>
    public int Fail(CommandOutput commandOutput, FailureAnswer failure)
    {
        error.WriteLine($"error: {failure.Reason.ReplaceLineEndings(" ")}");
        commandOutput.Answer(failure);
        return failure.ExitCode;
    }

    /// <summary>Builds the command's host (<paramref name="register"/> adds what the command needs), runs the work in it, and guards it.</summary>
    public async Task<int> RunAsync(
        ParseResult parse, Action<HostApplicationBuilder> register, Func<IServiceProvider, CommandOutput, CancellationToken, Task<int>> work,
        CancellationToken cancellationToken)
    {
        var commandOutput = Output(parse);
        IHost? host = null;
        try
        {
            var builder = createHost();
            register(builder);
            host = builder.Build();
            await host.StartAsync(cancellationToken);
            return await work(host.Services, commandOutput, cancellationToken);
        }
        catch (Exception ex) when (Describe(ex) is { } failure)
        {
            return Fail(commandOutput, failure);
        }
        catch (Exception ex)
        {
            host?.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ToolCommandLine>().LogError(ex, "The command failed unexpectedly");
            return Fail(commandOutput, Failed($"{ex.GetType().Name}: {ex.Message}"));
        }
        finally
        {
            if (host is not null)
            {
                await host.StopAsync(CancellationToken.None);
                host.Dispose();
            }
        }
    }

    private FailureAnswer? Describe(Exception exception) => describe(exception) ?? exception switch
    {
        InvalidSettingException => new FailureAnswer(ExitCodes.Usage, FailureKind.Usage, exception.Message),
        OperationCanceledException => new FailureAnswer(ExitCodes.Failure, FailureKind.Interrupted, "interrupted"),
        _ => null,
    };
}
