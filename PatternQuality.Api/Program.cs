using PatternQuality.Api.Coverage;
using PatternQuality.Api.Extensions;
using PatternQuality.Api.Lookup;
using PatternQuality.Api.Quality;
using PatternQuality.Api.Runs;
using PatternQuality.Api.Schema;

if (ApiCommandLine.Answer(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
if (!builder.TryAddApplicationServices(out var invalid))
{
    return invalid;
}

var app = builder.Build();

app.UseApiConventions();
app.MapDefaultEndpoints();
app.MapQualityEndpoints();
app.MapCoverageEndpoints();
app.MapLookupEndpoints();
app.MapBackfillRunEndpoints();
app.MapMigrationEndpoints();

app.Run();
return 0;
