using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PatternQuality.AppHost.Servers;

/// <summary>
/// While the AppHost runs containers, the engine is asked every few seconds whether it still answers. When it stops,
/// the console and each container's log say so in one line (the containers went with it, their volumes are kept);
/// when it is back, again, with what to do.
/// </summary>
internal static class ContainerEngineWatch
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(3);

    public static IResourceBuilder<T> WithEngineWatch<T>(this IResourceBuilder<T> builder) where T : ContainerResource
    {
        if (builder.ApplicationBuilder.ExecutionContext.IsRunMode)
        {
            builder.ApplicationBuilder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Watcher>());
        }

        return builder;
    }

    private sealed class Watcher(DistributedApplicationModel model, ResourceLoggerService resourceLogs, IHostApplicationLifetime lifetime, ILogger<Watcher> log)
        : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
            var containers = model.Resources.OfType<ContainerResource>().ToList();
            var names = string.Join(" and ", containers.Select(c => c.Name));
            var answering = true;
            try
            {
                using var timer = new PeriodicTimer(Every);
                while (await timer.WaitForNextTickAsync(stopping.Token))
                {
                    var silence = await ContainerEngine.SilenceNowAsync(stopping.Token);
                    if (answering == (silence is null))
                    {
                        continue;
                    }

                    answering = silence is null;
                    var level = answering ? LogLevel.Information : LogLevel.Warning;
                    var line = answering
                        ? $"the container engine answers again: start {names} from the dashboard (each resource's Start); their volumes were kept"
                        : $"the container engine stopped answering ({silence}): {names} went with it, their volumes are kept; start the engine again";
                    log.Log(level, "{Line}", line);
                    foreach (var container in containers)
                    {
                        resourceLogs.GetLogger(container).Log(level, "{Line}", line);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
