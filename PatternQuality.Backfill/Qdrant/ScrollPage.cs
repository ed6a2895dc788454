using System.Text.Json;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>
/// One page of a scroll. The points stay views into the response document, so a page costs
/// one parse and no copies; dispose the page when its batch is done.
/// </summary>
public sealed class ScrollPage(JsonDocument document, IReadOnlyList<ScrolledPoint> points, string? nextOffsetJson) : IDisposable
{
    public IReadOnlyList<ScrolledPoint> Points { get; } = points;

    /// <summary>The <c>next_page_offset</c> as JSON text (a number or a quoted UUID), null on the last page.</summary>
    public string? NextOffsetJson { get; } = nextOffsetJson;

    public void Dispose() => document.Dispose();
}

public readonly record struct ScrolledPoint(JsonElement Id, JsonElement Payload);
