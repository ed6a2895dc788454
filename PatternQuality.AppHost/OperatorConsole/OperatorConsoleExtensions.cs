using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PatternQuality.AppHost.OperatorConsole;

internal static class OperatorConsoleExtensions
{
    /// <summary>
    /// What the person running the AppHost reads in its console: a refusal to start on a taken port, failures in
    /// one line, and a summary once every resource has settled.
    /// </summary>
    public static IDistributedApplicationBuilder AddOperatorConsole(this IDistributedApplicationBuilder builder)
    {
        OneLineFailures.Install();
        builder.AddTakenPortCheck();
        builder.Services.AddSingleton<ReadinessSummary>();
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, ct) =>
        {
            var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            _ = @event.Services.GetRequiredService<ReadinessSummary>().WatchAsync(stopping);
            return Task.CompletedTask;
        });
        return builder;
    }
}
