using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.ServiceDefaults.Configuration;

namespace PatternQuality.ServiceDefaults.CommandLine;

/// <summary>
/// The shell of a command-line tool (the migrator, the backfill): a usage error is one line and exit 2; each
/// command runs in a host built for it, so that its options feed the same registrations as configuration
/// (<c>--database-url</c> feeds <see cref="DatabaseRegistration.AddOmninodeBridge"/>); and every
/// failure ends in one line on stderr and a non-zero exit code, the host stopped so that telemetry is flushed.
/// </summary>
/// <param name="createHost">the tool's host builder: logging and service defaults, before a command adds its own</param>
/// <param name="describe">the tool's own failures as a one-line message and an exit code; null for the ones it does not know</param>
public sealed class ToolCommandLine(
    Func<HostApplicationBuilder> createHost, TextWriter output, TextWriter error, Func<Exception, (int ExitCode, string Message)?> describe)
{
    public static Option<string?> DatabaseUrlOption() => new("--database-url")
    {
        Description = $"postgresql://user:pass@host:port/db or an Npgsql connection string (default: ConnectionStrings:{DatabaseSettings.ConnectionName}, then {DatabaseSettings.EnvironmentVariable})",
        Recursive = true,
    };

    public async Task<int> InvokeAsync(RootCommand root, string[] args, CancellationToken cancellationToken)
    {
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            error.WriteLine($"error: {parseResult.Errors[0].Message} (see --help)");
            return ExitCodes.Usage;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    /// <summary>Builds the command's host (<paramref name="register"/> adds what the command needs), runs the work in it, and guards it.</summary>
    public async Task<int> RunAsync(Action<HostApplicationBuilder> register, Func<IServiceProvider, CancellationToken, Task<int>> work, CancellationToken cancellationToken)
    {
        IHost? host = null;
        try
        {
            var builder = createHost();
            register(builder);
            host = builder.Build();
            await host.StartAsync(cancellationToken);
            return await work(host.Services, cancellationToken);
        }
        catch (Exception ex) when (Describe(ex) is var (exitCode, message))
        {
            error.WriteLine($"error: {message.ReplaceLineEndings(" ")}");
            return exitCode;
        }
        catch (Exception ex)
        {
            host?.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ToolCommandLine>().LogError(ex, "The command failed unexpectedly");
            error.WriteLine($"error: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.Failure;
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

    private (int, string)? Describe(Exception exception) => describe(exception) ?? exception switch
    {
        InvalidSettingException => (ExitCodes.Usage, exception.Message),
        OperationCanceledException => (ExitCodes.Failure, "interrupted"),
        _ => null,
    };
}
