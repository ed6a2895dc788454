using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace PatternQuality.AppHost.Hosting.Publishing;

/// <summary>
/// <c>--publisher manifest|compose|kubernetes --output-path FILE</c>: writes the model for a
/// deployment target. Exit codes: 0 written, 1 could not write, 2 the command line is wrong.
/// </summary>
internal static class PublishCommand
{
    public static readonly IReadOnlyList<string> Publishers = ["manifest", "compose", "kubernetes"];

    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var model = services.GetRequiredService<DistributedApplicationModel>();
        var publisher = configuration["Publishing:Publisher"]!.Trim().ToLowerInvariant();
        var outputPath = configuration["Publishing:OutputPath"];
        if (!Publishers.Contains(publisher))
        {
            return Usage($"unknown publisher '{publisher}': use one of {string.Join(", ", Publishers)}");
        }

        if (string.IsNullOrWhiteSpace(outputPath))
        {
            return Usage($"--output-path FILE is required with --publisher {publisher}");
        }

        var path = Path.GetFullPath(outputPath);
        if (Directory.Exists(path))
        {
            return Usage($"--output-path {outputPath} is a folder; name the file to write");
        }

        var text = publisher switch
        {
            "manifest" => ManifestPublisher.Write(model, Path.GetDirectoryName(path)!),
            "compose" => ComposePublisher.Write(model),
            _ => KubernetesPublisher.Write(model),
        };

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            await File.WriteAllTextAsync(temporary, text, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"error: cannot write {path}: {ex.Message}");
            return 1;
        }

        Console.WriteLine($"wrote the {publisher} for {model.Resources.Count} resources to {path}");
        return 0;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
