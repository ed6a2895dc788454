using PatternQuality.LocalQdrant;
using PatternQuality.LocalQdrant.Api;
using PatternQuality.LocalQdrant.Storage;

// A Qdrant-compatible REST store for machines where no Qdrant can run. It is not Qdrant:
// it keeps points and payloads, pages through them, and does no vector search.
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();

var options = LocalQdrantOptions.From(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(_ => new CollectionStore(options.DataDirectory));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);

var app = builder.Build();

app.UseMiddleware<QdrantErrorHandling>();
app.UseMiddleware<ApiKeyAuthentication>();

app.MapDefaultEndpoints();
app.MapServiceEndpoints();
app.MapCollectionEndpoints();
app.MapPointEndpoints();

var store = app.Services.GetRequiredService<CollectionStore>();
app.Logger.LogInformation(
    "PatternQuality.LocalQdrant (a Qdrant-compatible REST store, not Qdrant) serving {Count} collection(s) from {DataDirectory}; api key {KeyState}",
    store.Names.Count(), options.DataDirectory, options.ApiKey is null ? "off" : "required");

app.Run();

public partial class Program;
