using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PatternQuality.AppHost.Hosting.Orchestration;

internal static class OrchestrationServiceCollectionExtensions
{
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.AddSingleton<ResourceNotificationService>();
        services.AddSingleton<ResourceLoggerService>();
        services.AddSingleton<ApplicationOrchestrator>();
        services.AddHostedService(provider => provider.GetRequiredService<ApplicationOrchestrator>());
        services.AddHostedService<ConsoleSummary>();
        return services;
    }
}
