using Grpc.Core;
using Grpc.Core.Interceptors;
using PatternQuality.LocalQdrant.Storage;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// Qdrant's key check and error codes on gRPC: <c>api-key</c> metadata, else <c>authorization: Bearer</c>
/// (the health checks stay open); a store error becomes the status code Qdrant answers with.
/// </summary>
public sealed class QdrantStatusInterceptor(ApiKeys keys) : Interceptor
{
    private static readonly string[] OpenMethods = ["/qdrant.Qdrant/HealthCheck", "/grpc.health.v1.Health/Check", "/grpc.health.v1.Health/Watch"];
    private static readonly string[] WriteMethods = ["/qdrant.Collections/Create", "/qdrant.Collections/Delete", "/qdrant.Points/Upsert", "/qdrant.Points/Delete"];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        try
        {
            return await continuation(request, context);
        }
        catch (QdrantError error)
        {
            throw new RpcException(new Status(CodeOf(error.Kind), error.Message));
        }
    }

    private void Authorize(ServerCallContext context)
    {
        if (OpenMethods.Contains(context.Method))
        {
            return;
        }

        var access = keys.Check(context.RequestHeaders.GetValue("api-key"), context.RequestHeaders.GetValue("authorization"));
        switch (access)
        {
            case KeyAccess.Missing:
                throw new RpcException(new Status(StatusCode.Unauthenticated, ApiKeys.MissingMessage));
            case KeyAccess.Invalid:
                throw new RpcException(new Status(StatusCode.Unauthenticated, ApiKeys.InvalidMessage));
            case KeyAccess.ReadOnly when WriteMethods.Contains(context.Method):
                throw new RpcException(new Status(StatusCode.PermissionDenied, ApiKeys.ReadOnlyMessage));
        }
    }

    /// <summary>Each kind of error as the status code Qdrant's gRPC API answers it with.</summary>
    private static StatusCode CodeOf(QdrantErrorKind kind) => kind switch
    {
        QdrantErrorKind.NotFound => StatusCode.NotFound,
        QdrantErrorKind.BadRequest or QdrantErrorKind.Validation => StatusCode.InvalidArgument,
        QdrantErrorKind.AlreadyExists => StatusCode.AlreadyExists,
        QdrantErrorKind.Forbidden => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}
