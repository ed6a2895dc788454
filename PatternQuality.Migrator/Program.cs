using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.Migrator;
using PatternQuality.ServiceDefaults.CommandLine;

return await new MigratorCommandLine(CreateHost, Console.Out, Console.Error).InvokeAsync(args);

static HostApplicationBuilder CreateHost()
{
    var builder = ToolCommandLine.CreateHostBuilder();

    // The console is the operator's: it gets the migrator's own lines, logs go to telemetry.
    builder.Logging.ClearProviders();
    builder.AddServiceDefaults();
    return builder;
}
