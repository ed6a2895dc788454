using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PatternQuality.AppHost.Projects;

namespace PatternQuality.AppHost.Dashboard;

/// <summary>
/// A run of a project's own program, the one its resource runs, with other arguments: the command line's code path,
/// not a second implementation of it. It gets the environment Aspire gives the resource (its connection strings,
/// existing servers included, and its telemetry settings), and every line it writes goes to the resource's console.
/// </summary>
internal static class ProjectProcess
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors);

    public static async Task<Outcome> RunAsync(ExecuteCommandContext context, ProjectResource project, IReadOnlyList<string> arguments)
    {
        var program = project.GetProjectMetadata() is ProjectByPath byPath ? byPath.BuiltProgram
            : throw new InvalidOperationException($"{project.Name} is not a project this AppHost builds");
        var configuration = await ExecutionConfigurationBuilder.Create(project)
            .WithEnvironmentVariablesConfig()
            .BuildAsync(context.Services.GetRequiredService<DistributedApplicationExecutionContext>(), context.Logger, context.CancellationToken);

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(program)!,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in configuration.EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        var output = new List<string>();
        var errors = new List<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data, output, isError: false);
        process.ErrorDataReceived += (_, e) => Keep(e.Data, errors, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The tool's own transaction rolls back with its connection: the database stays as it was.
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return new Outcome(process.ExitCode, [.. output], [.. errors]);
        }

        void Keep(string? line, List<string> lines, bool isError)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                lines.Add(line);
            }

            if (isError)
            {
                context.Logger.LogError("{Line}", line);
            }
            else
            {
                context.Logger.LogInformation("{Line}", line);
            }
        }
    }
}
