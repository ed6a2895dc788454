using PatternQuality.LocalQdrant;
using PatternQuality.LocalQdrant.Api;
using PatternQuality.LocalQdrant.Grpc;
using PatternQuality.LocalQdrant.Storage;
using PatternQuality.ServiceDefaults.CommandLine;

// A Qdrant-compatible store for machines where no Qdrant can run. It is not Qdrant: it keeps
// points and payloads, pages through them, and does no vector search.
if (new ServerCommandLine("PatternQuality.LocalQdrant", $"""
    [--urls URL] [--grpc-url URL] [--data DIR] [--api-key KEY]
      A Qdrant-compatible store (not Qdrant) for machines where no Qdrant can run: collections, points and payloads over
      Qdrant's REST API (HTTP/1.1, --urls, default {LocalQdrantOptions.DefaultRestUrl}) and its gRPC API (HTTP/2 without TLS,
      --grpc-url, default {LocalQdrantOptions.DefaultGrpcUrl}), persisted under --data. Keys also from QDRANT__SERVICE__API_KEY
      and QDRANT__SERVICE__READ_ONLY_API_KEY.
    """, "--urls", "--data", "--api-key", "--grpc-url", "--environment", "--contentRoot", "--applicationName").Answer(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var (restUrls, hostArguments) = HostingUrls.Take(args);
var builder = WebApplication.CreateBuilder(hostArguments);

builder.AddServiceDefaults();

var options = ServerCommandLine.Setting(() => LocalQdrantOptions.From(builder.Configuration, restUrls), Console.Error, out var invalid);
if (options is null)
{
    return invalid;
}

if (Listeners.Unusable(options) is { } unusable)
{
    Console.Error.WriteLine($"error: {unusable}");
    return ExitCodes.Usage;
}

// Kestrel listens where Listeners says, REST and gRPC apart.
var listeners = new Listeners();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    listeners.Configure(kestrel, options);
    kestrel.Limits.MaxRequestBodySize = null;
});
builder.Services.AddSingleton(options);
builder.Services.AddSingleton<ApiKeys>();
builder.Services.AddSingleton(_ => new CollectionStore(options.DataDirectory));
builder.Services.AddQdrantGrpc();

var app = builder.Build();

app.UseMiddleware<QdrantErrorHandling>();
app.UseMiddleware<ApiKeyAuthentication>();
app.UseRouting();
app.UseDecodedCollectionNames();

app.MapDefaultEndpoints();
app.MapServiceEndpoints();
app.MapCollectionEndpoints();
app.MapPointEndpoints();
app.MapQdrantGrpc();

app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
    "PatternQuality.LocalQdrant (a Qdrant-compatible store, not Qdrant) serving {Count} collection(s) from {DataDirectory}; api key {KeyState}; {Listeners}",
    app.Services.GetRequiredService<CollectionStore>().Names.Count(), options.DataDirectory, options.ApiKey is null ? "off" : "required",
    string.Join("; ", listeners.Describe())));

app.Run();
return 0;

public partial class Program;
