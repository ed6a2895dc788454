namespace PatternQuality.LocalQdrant.Storage;

/// <summary>What kind of error, whatever the transport: REST and gRPC each map it to their own status once.</summary>
public enum QdrantErrorKind
{
    NotFound,

    /// <summary>A request Qdrant cannot read or act on (format errors, wrong input, a body too large).</summary>
    BadRequest,

    /// <summary>A well-formed request with a value out of range.</summary>
    Validation,

    AlreadyExists,

    Forbidden,

    Internal,
}

/// <summary>An error answered the way Qdrant answers it: its kind and its message text.</summary>
public sealed class QdrantError(QdrantErrorKind kind, string message) : Exception(message)
{
    public QdrantErrorKind Kind { get; } = kind;

    public static QdrantError CollectionNotFound(string collection) =>
        new(QdrantErrorKind.NotFound, $"Not found: Collection `{collection}` doesn't exist!");

    public static QdrantError CollectionExists(string collection) =>
        new(QdrantErrorKind.AlreadyExists, $"Wrong input: Collection `{collection}` already exists!");

    public static QdrantError Format(string detail) =>
        new(QdrantErrorKind.BadRequest, $"Format error in JSON body: {detail}");

    public static QdrantError InvalidPointId(string rawValue) =>
        Format($"value {rawValue} is not a valid point ID, valid values are either an unsigned integer or a UUID");

    public static QdrantError Validation(string detail) =>
        new(QdrantErrorKind.Validation, $"Validation error in JSON body: [{detail}]");

    public static QdrantError WrongInput(string detail) =>
        new(QdrantErrorKind.BadRequest, $"Wrong input: {detail}");

    public static QdrantError BadRequest(string detail) =>
        new(QdrantErrorKind.BadRequest, $"Bad request: {detail}");
}
