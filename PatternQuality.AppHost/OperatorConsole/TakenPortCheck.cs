using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace PatternQuality.AppHost.OperatorConsole;

/// <summary>
/// Refuses to start when a fixed port is taken (the dashboard's, its OTLP and resource-service ports, a project's
/// launch-profile port): Aspire would otherwise report "Now listening" while another process answers there.
/// </summary>
internal static class TakenPortCheck
{
    private static readonly (string Setting, string What)[] AppHostUrls =
    [
        ("ASPNETCORE_URLS", "the dashboard"),
        ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "the dashboard's OTLP receiver"),
        ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "the resource service"),
    ];

    public static IDistributedApplicationBuilder AddTakenPortCheck(this IDistributedApplicationBuilder builder)
    {
        var randomized = builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var taken = new List<string>();
            foreach (var (setting, what) in AppHostUrls)
            {
                foreach (var url in (builder.Configuration[setting] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 && IsTaken(uri.Port))
                    {
                        taken.Add($"port {uri.Port} of {what} ({setting}={url})");
                    }
                }
            }

            // Under DcpPublisher:RandomizePorts (Aspire.Hosting.Testing sets it) projects get other ports.
            foreach (var resource in randomized ? Enumerable.Empty<IResource>() : @event.Model.Resources)
            {
                foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.Port is > 0))
                {
                    if (IsTaken(endpoint.Port!.Value))
                    {
                        taken.Add($"port {endpoint.Port} of {resource.Name}'s {endpoint.Name} endpoint");
                    }
                }
            }

            return taken.Count == 0
                ? Task.CompletedTask
                : throw new DistributedApplicationException(
                    $"another process listens on {string.Join(", ", taken)}: stop it, or choose other ports (the AppHost's launch profile, the project's launchSettings.json)");
        });
        return builder;
    }

    private static bool IsTaken(int port)
    {
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            try
            {
                using var probe = new TcpClient(address.AddressFamily);
                if (probe.ConnectAsync(address, port).Wait(TimeSpan.FromMilliseconds(300)))
                {
                    return true;
                }
            }
            catch (AggregateException exception) when (exception.InnerException is SocketException)
            {
            }
        }

        return false;
    }
}
