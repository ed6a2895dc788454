using PatternQuality.LocalQdrant;
using PatternQuality.LocalQdrant.Api;
using PatternQuality.LocalQdrant.Storage;
using PatternQuality.ServiceDefaults.CommandLine;

// A Qdrant-compatible REST store for machines where no Qdrant can run. It is not Qdrant:
// it keeps points and payloads, pages through them, and does no vector search.
if (new ServerCommandLine("PatternQuality.LocalQdrant", """
    [--urls URL] [--data DIR] [--api-key KEY] [--grpc-url URL]
      A Qdrant-compatible store (not Qdrant) for machines where no Qdrant can run: collections, points and payloads over
      Qdrant's REST API, persisted under --data. Keys also from QDRANT__SERVICE__API_KEY and QDRANT__SERVICE__READ_ONLY_API_KEY.
    """, "--urls", "--data", "--api-key", "--grpc-url", "--environment", "--contentRoot", "--applicationName").Answer(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var options = LocalQdrantOptions.From(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(_ => new CollectionStore(options.DataDirectory));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);

var app = builder.Build();

app.UseMiddleware<QdrantErrorHandling>();
app.UseMiddleware<ApiKeyAuthentication>();
app.UseRouting();
app.UseDecodedCollectionNames();

app.MapDefaultEndpoints();
app.MapServiceEndpoints();
app.MapCollectionEndpoints();
app.MapPointEndpoints();

var store = app.Services.GetRequiredService<CollectionStore>();
app.Logger.LogInformation(
    "PatternQuality.LocalQdrant (a Qdrant-compatible REST store, not Qdrant) serving {Count} collection(s) from {DataDirectory}; api key {KeyState}",
    store.Names.Count(), options.DataDirectory, options.ApiKey is null ? "off" : "required");

app.Run();
return 0;

public partial class Program;
