using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PatternQuality.AppHost.Dashboard.Telemetry;

namespace PatternQuality.AppHost.Dashboard;

internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DashboardOptions>(configuration.GetSection(DashboardOptions.Section));
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<DashboardEndpoints>();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<DashboardOptions>>().Value;
            return new TelemetryStore(options.MaxTraces, options.MaxLogRecords, options.MaxSpansPerTrace, provider.GetRequiredService<ChangeFeed>());
        });
        services.AddHostedService<DashboardHost>();
        return services;
    }
}
