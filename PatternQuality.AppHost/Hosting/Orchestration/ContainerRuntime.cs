using System.Globalization;

namespace PatternQuality.AppHost.Hosting.Orchestration;

/// <summary>Docker or Podman, when the CLI is there and its engine answers; else null and resources run as local processes.</summary>
internal static class ContainerRuntime
{
    public static async Task<string?> DetectAsync(string setting, Action<string> explain, CancellationToken cancellationToken)
    {
        var candidates = setting.ToLowerInvariant() switch
        {
            "none" => [],
            "auto" or "" => new[] { "docker", "podman" },
            "docker" or "podman" => [setting.ToLowerInvariant()],
            _ => throw new InvalidOperationException($"AppHost:ContainerRuntime must be auto, docker, podman or none, not '{setting}'"),
        };

        foreach (var cli in candidates)
        {
            if (await AnswersAsync(cli, cancellationToken))
            {
                return cli;
            }

            explain($"{cli}: no engine answers");
        }

        return null;
    }

    private static async Task<bool> AnswersAsync(string cli, CancellationToken cancellationToken)
    {
        ManagedProcess info;
        try
        {
            info = ManagedProcess.Start(new ProcessSpec(cli, ["info", "--format", "{{json .}}"], Environment.CurrentDirectory, new Dictionary<string, string?>()), (_, _) => { });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // not installed
        }

        var answered = await Task.WhenAny(info.Exited, Task.Delay(TimeSpan.FromSeconds(5), cancellationToken));
        if (answered != info.Exited)
        {
            await info.StopAsync(ManagedProcess.SigTerm, TimeSpan.Zero);
            return false;
        }

        return await info.Exited == 0;
    }

    /// <summary>
    /// <c>docker run</c> in the foreground for a server resource: loopback-only published ports, its
    /// model environment passed by name (values travel in the CLI's environment, not its arguments),
    /// its data in a named volume.
    /// </summary>
    public static ProcessSpec RunCommand(string cli, string containerName, IResource resource, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var image = resource.AnnotationsOf<ContainerImageAnnotation>().Single();
        var args = new List<string> { "run", "--rm", "--name", containerName };
        foreach (var endpoint in resource.Endpoints())
        {
            args.AddRange(["-p", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{endpoint.Allocated!.Port}:{endpoint.TargetPort}")]);
        }

        foreach (var name in environment.Keys.Order(StringComparer.Ordinal))
        {
            args.AddRange(["-e", name]);
        }

        foreach (var volume in resource.AnnotationsOf<ContainerVolumeAnnotation>())
        {
            args.AddRange(["-v", $"{volume.Name}:{volume.Target}"]);
        }

        args.Add(image.Reference);
        return new ProcessSpec(cli, args, workingDirectory, environment.ToDictionary(e => e.Key, e => (string?)e.Value));
    }
}
