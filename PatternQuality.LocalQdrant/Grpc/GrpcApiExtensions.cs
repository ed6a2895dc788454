using Grpc.AspNetCore.Server.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PatternQuality.LocalQdrant.Grpc;

public static class GrpcApiExtensions
{
    /// <summary>Qdrant's own limit on a gRPC request (service.max_request_size_mb).</summary>
    private const int MaxRequestBytes = 32 * 1024 * 1024;

    public static IServiceCollection AddQdrantGrpc(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<QdrantStatusInterceptor>();
            grpc.MaxReceiveMessageSize = MaxRequestBytes;
            grpc.MaxSendMessageSize = null;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<PointsService>, UpsertMethodProvider>());
        services.AddGrpcHealthChecks();
        return services;
    }

    public static void MapQdrantGrpc(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<QdrantService>();
        app.MapGrpcService<CollectionsService>();
        app.MapGrpcService<PointsService>();
        app.MapGrpcHealthChecksService();
    }
}
