using Microsoft.Extensions.Hosting;
using PatternQuality.ServiceDefaults.CommandLine;
using Microsoft.Extensions.Logging;
using PatternQuality.Migrator;

return await new MigratorCommandLine(CreateHost, Console.Out, Console.Error).InvokeAsync(args);

static HostApplicationBuilder CreateHost()
{
    var builder = ToolCommandLine.CreateHostBuilder();

    // The console is the operator's: it gets the migrator's own lines, logs go to telemetry.
    builder.Logging.ClearProviders();
    builder.AddServiceDefaults();
    return builder;
}
