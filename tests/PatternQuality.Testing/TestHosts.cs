using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PatternQuality.Testing;

/// <summary>The host a tool builds for a command, run inside a test.</summary>
public static class TestHosts
{
    /// <summary>Without the machine's environment and appsettings, so that only what a test passes configures the command.</summary>
    public static HostApplicationBuilder WithoutEnvironment()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.AddServiceDefaults();
        return builder;
    }
}
