using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PatternQuality.Migrator;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });

// The console is the operator's: it gets the migrator's own lines, logs go to telemetry.
builder.Logging.ClearProviders();
builder.AddServiceDefaults();

using var host = builder.Build();
await host.StartAsync();

var commandLine = new MigratorCommandLine(
    host.Services.GetRequiredService<IConfiguration>(),
    host.Services.GetRequiredService<ILoggerFactory>(),
    Console.Out,
    Console.Error);
var exitCode = await commandLine.InvokeAsync(args);

// Stopping the host flushes the spans of this run before the process ends.
await host.StopAsync();
return exitCode;
