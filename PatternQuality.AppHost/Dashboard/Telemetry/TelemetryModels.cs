namespace PatternQuality.AppHost.Dashboard.Telemetry;

public sealed record TelemetryAttribute(string Key, string Value);

public sealed record SpanEvent(DateTimeOffset Time, string Name, IReadOnlyList<TelemetryAttribute> Attributes);

public sealed record SpanRecord(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Service,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<TelemetryAttribute> Attributes,
    IReadOnlyList<SpanEvent> Events,
    bool IsError,
    string? StatusMessage)
{
    public TimeSpan Duration => End > Start ? End - Start : TimeSpan.Zero;

    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;
}

public sealed record TelemetryLog(
    long Id,
    DateTimeOffset Time,
    string Service,
    string Level,
    int SeverityNumber,
    string Message,
    string Category,
    IReadOnlyList<TelemetryAttribute> Attributes,
    string? TraceId,
    string? SpanId);

public sealed record MetricInstrument(string Service, string Name, string Unit, string Description, long DataPoints, DateTimeOffset LastSeen);

/// <summary>A trace as the list shows it.</summary>
public sealed record TraceSummary(
    string TraceId, string RootName, string RootService, IReadOnlyList<string> Services, DateTimeOffset Start, TimeSpan Duration, int SpanCount, int ErrorCount);
