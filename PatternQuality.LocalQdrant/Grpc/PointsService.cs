using System.Diagnostics;
using Grpc.Core;
using PatternQuality.LocalQdrant.Requests;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary><c>qdrant.Points</c> over the same store, and the same rules, as the REST API.</summary>
public sealed class PointsService(CollectionStore store) : Points.PointsBase
{

    // The result fields of GetResponse and ScrollResponse (points.proto), written by ProtoPoints.
    private const int GetResultField = 1;
    private const int ScrollResultField = 2;

    /// <summary>Bound by <see cref="UpsertMethodProvider"/>.</summary>
    public Task<PointsOperationResponse> Upsert(UpsertPointsWire request, ServerCallContext context)
    {
        using var message = request;
        var clock = Stopwatch.StartNew();
        var (collection, wait, given) = request.Read();
        var target = store.Get(collection);
        using var scratch = new JsonScratch();
        var points = given.Select(point => UpsertPointsWire.ToStored(point, target.Vectors, scratch)).ToList();
        var operation = target.Upsert(points, durable: wait);
        return Task.FromResult(Updated(operation, wait, clock));
    }

    public override Task<PointsOperationResponse> Delete(DeletePoints request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var target = store.Get(request.CollectionName);
        var ids = request.Points?.PointsSelectorOneOfCase switch
        {
            PointsSelector.PointsSelectorOneOfOneofCase.Points => request.Points.Points.Ids.Select(ProtoPointIds.ToStored).ToList(),
            PointsSelector.PointsSelectorOneOfOneofCase.Filter => throw Filters.Unsupported(),
            _ => throw QdrantError.WrongInput("points: give the ids of the points to delete"),
        };
        var operation = target.Delete(ids, durable: request.Wait);
        return Task.FromResult(Updated(operation, request.Wait, clock));
    }

    public override Task<GetResponse> Get(GetPoints request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var source = store.Get(request.CollectionName);
        var selection = Selection(request.WithPayload, request.WithVectors);
        var response = new GetResponse();
        ProtoPoints.AddTo(response, GetResultField, source.Get(request.Ids.Select(ProtoPointIds.ToStored).Distinct()), selection);
        response.Time = clock.Elapsed.TotalSeconds;
        return Task.FromResult(response);
    }

    public override Task<ScrollResponse> Scroll(ScrollPoints request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var source = store.Get(request.CollectionName);
        if (request.Filter is not null)
        {
            throw Filters.Unsupported();
        }

        var offset = request.Offset is { } given ? ProtoPointIds.ToStored(given) : (Storage.PointId?)null;
        var scroll = ScrollRequest.Of(offset, orderBy: request.OrderBy is not null, request.HasLimit ? request.Limit : null);
        var selection = Selection(request.WithPayload, request.WithVectors);
        var (page, next) = source.Scroll(scroll.Offset, scroll.Limit);
        var response = new ScrollResponse();
        ProtoPoints.AddTo(response, ScrollResultField, page, selection);
        if (next is { } nextId)
        {
            response.NextPageOffset = ProtoPointIds.ToProto(nextId);
        }

        response.Time = clock.Elapsed.TotalSeconds;
        return Task.FromResult(response);
    }

    public override Task<CountResponse> Count(CountPoints request, ServerCallContext context)
    {
        var clock = Stopwatch.StartNew();
        var source = store.Get(request.CollectionName);
        if (request.Filter is not null)
        {
            throw Filters.Unsupported();
        }

        return Task.FromResult(new CountResponse { Result = new CountResult { Count = (ulong)source.Count }, Time = clock.Elapsed.TotalSeconds });
    }

    /// <summary>
    /// An unset <c>with_payload</c> or <c>with_vectors</c> selects nothing, as in Qdrant's gRPC API
    /// (Qdrant.Client always sets <c>with_payload</c>).
    /// </summary>
    private static PointSelection Selection(WithPayloadSelector? payload, WithVectorsSelector? vectors) => PointSelection.Of(
        withPayload: payload?.SelectorOptionsCase switch
        {
            WithPayloadSelector.SelectorOptionsOneofCase.Enable => payload.Enable,
            WithPayloadSelector.SelectorOptionsOneofCase.Include or WithPayloadSelector.SelectorOptionsOneofCase.Exclude => true,
            _ => false,
        },
        include: payload?.Include?.Fields,
        exclude: payload?.Exclude?.Fields,
        withVector: vectors?.SelectorOptionsCase switch
        {
            WithVectorsSelector.SelectorOptionsOneofCase.Enable => vectors.Enable,
            WithVectorsSelector.SelectorOptionsOneofCase.Include => true,
            _ => false,
        },
        vectorNames: vectors?.Include?.Names);

    private static PointsOperationResponse Updated(long operation, bool wait, Stopwatch clock) => new()
    {
        Result = new UpdateResult { OperationId = (ulong)operation, Status = wait ? UpdateStatus.Completed : UpdateStatus.Acknowledged },
        Time = clock.Elapsed.TotalSeconds,
    };
}
