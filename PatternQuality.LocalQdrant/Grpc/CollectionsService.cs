using System.Diagnostics;
using System.Text.Json;
using Grpc.Core;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary><c>qdrant.Collections</c> over the same store as the REST API.</summary>
public sealed class CollectionsService(CollectionStore store) : Collections.CollectionsBase
{
    public override Task<ListCollectionsResponse> List(ListCollectionsRequest request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var response = new ListCollectionsResponse();
        response.Collections.Add(store.Names.Select(name => new CollectionDescription { Name = name }));
        response.Time = clock.Elapsed.TotalSeconds;
        return Task.FromResult(response);
    }

    public override Task<CollectionExistsResponse> CollectionExists(CollectionExistsRequest request, ServerCallContext context) =>
        Task.FromResult(new CollectionExistsResponse { Result = new CollectionExists { Exists = store.Exists(request.CollectionName) } });

    public override Task<GetCollectionInfoResponse> Get(GetCollectionInfoRequest request, ServerCallContext context)
    {
        var collection = store.Get(request.CollectionName);
        return Task.FromResult(new GetCollectionInfoResponse { Result = CollectionInfoMessage.Of(collection) });
    }

    public override Task<CollectionOperationResponse> Create(CreateCollection request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var vectors = request.VectorsConfig is { } config ? Storage.VectorParams.Parse(VectorsJson(config)) : Storage.VectorParams.None;
        store.Create(request.CollectionName, vectors);
        return Task.FromResult(new CollectionOperationResponse { Result = true, Time = clock.Elapsed.TotalSeconds });
    }

    public override Task<CollectionOperationResponse> Delete(DeleteCollection request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var deleted = store.Delete(request.CollectionName);
        return Task.FromResult(new CollectionOperationResponse { Result = deleted, Time = clock.Elapsed.TotalSeconds });
    }

    /// <summary>The configuration as the JSON REST takes, so that one set of rules checks both.</summary>
    private static JsonElement VectorsJson(VectorsConfig config)
    {
        object json = config.ConfigCase switch
        {
            VectorsConfig.ConfigOneofCase.Params => Params(config.Params),
            VectorsConfig.ConfigOneofCase.ParamsMap => config.ParamsMap.Map.ToDictionary(entry => entry.Key, entry => Params(entry.Value)),
            _ => throw QdrantError.WrongInput("vectors_config: set params or params_map"),
        };
        return JsonSerializer.SerializeToElement(json);
    }

    private static Dictionary<string, object> Params(VectorParams parameters) => new()
    {
        ["size"] = parameters.Size,
        ["distance"] = parameters.Distance is Distance.UnknownDistance
            ? throw QdrantError.WrongInput("vectors_config: distance is required (Cosine, Euclid, Dot or Manhattan)")
            : parameters.Distance.ToString(),
    };
}
