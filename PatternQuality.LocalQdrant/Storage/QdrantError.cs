using System.Net;

namespace PatternQuality.LocalQdrant.Storage;

/// <summary>An error answered the way Qdrant answers it: a status code and its message text.</summary>
public sealed class QdrantError(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public static QdrantError CollectionNotFound(string collection) =>
        new(HttpStatusCode.NotFound, $"Not found: Collection `{collection}` doesn't exist!");

    public static QdrantError Format(string detail) =>
        new(HttpStatusCode.BadRequest, $"Format error in JSON body: {detail}");

    public static QdrantError InvalidPointId(string rawValue) =>
        Format($"value {rawValue} is not a valid point ID, valid values are either an unsigned integer or a UUID");

    public static QdrantError Validation(string detail) =>
        new(HttpStatusCode.UnprocessableEntity, $"Validation error in JSON body: [{detail}]");

    public static QdrantError WrongInput(string detail) =>
        new(HttpStatusCode.BadRequest, $"Wrong input: {detail}");
}
