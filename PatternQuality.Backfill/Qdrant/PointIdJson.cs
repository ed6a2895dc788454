using System.Globalization;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// Point ids as the JSON text the run journal keeps them in (<c>42</c> or <c>"uuid"</c>), so that checkpoints
/// read the same whichever API wrote them.
/// </summary>
public static class PointIdJson
{
    public static string From(PointId id) => id.PointIdOptionsCase == PointId.PointIdOptionsOneofCase.Num ? Number(id.Num) : Uuid(id.Uuid);

    public static string Number(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    public static string Uuid(string id) => $"\"{id}\"";

    public static PointId ToPointId(string json) => json.StartsWith('"')
        ? new PointId { Uuid = json[1..^1] }
        : new PointId { Num = ulong.Parse(json, NumberStyles.None, CultureInfo.InvariantCulture) };
}
