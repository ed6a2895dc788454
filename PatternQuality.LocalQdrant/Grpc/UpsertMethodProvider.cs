using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace PatternQuality.LocalQdrant.Grpc;

/// <summary>
/// Binds <c>qdrant.Points/Upsert</c> by hand, taking the request as <see cref="UpsertPointsWire"/>; the .proto leaves
/// Upsert out of its Points service so that the generated binding does not claim the same route.
/// </summary>
public sealed class UpsertMethodProvider : IServiceMethodProvider<PointsService>
{
    private static readonly Method<UpsertPointsWire, PointsOperationResponse> Upsert = new(
        MethodType.Unary,
        Points.Descriptor.FullName,
        "Upsert",
        UpsertPointsWire.Marshaller,
        Marshallers.Create(response => response.ToByteArray(), PointsOperationResponse.Parser.ParseFrom));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<PointsService> context) =>
        context.AddUnaryMethod(Upsert, [], (service, request, call) => service.Upsert(request, call));
}
