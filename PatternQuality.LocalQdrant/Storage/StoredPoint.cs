namespace PatternQuality.LocalQdrant.Storage;

/// <summary>A point as stored: its vector and payload kept as the UTF-8 JSON they arrived as.</summary>
public sealed record StoredPoint(PointId Id, byte[]? Vector, byte[]? Payload);
