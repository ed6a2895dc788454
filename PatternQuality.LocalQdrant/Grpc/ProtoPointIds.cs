using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>Point ids between gRPC's <c>PointId</c> and the store's, with Qdrant's rules for UUID text.</summary>
public static class ProtoPointIds
{
    public static Storage.PointId ToStored(PointId? id) => id?.PointIdOptionsCase switch
    {
        PointId.PointIdOptionsOneofCase.Num => Storage.PointId.FromNumber(id.Num),
        PointId.PointIdOptionsOneofCase.Uuid => Storage.PointId.TryParseUuid(id.Uuid, out var parsed)
            ? parsed
            : throw QdrantError.WrongInput($"Unable to parse UUID: {id.Uuid}"),
        _ => throw QdrantError.WrongInput("point id is empty: set num or uuid"),
    };

    public static PointId ToProto(Storage.PointId id) =>
        id.IsUuid ? new PointId { Uuid = id.ToString() } : new PointId { Num = id.Number };
}
