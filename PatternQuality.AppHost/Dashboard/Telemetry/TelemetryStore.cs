namespace PatternQuality.AppHost.Dashboard.Telemetry;

/// <summary>
/// Received telemetry, bounded like Aspire's dashboard: at most <c>MaxTraces</c> traces (the oldest
/// go first), <c>MaxSpansPerTrace</c> spans in one trace (later ones are counted, not kept) and
/// <c>MaxLogRecords</c> log records. Reads take consistent copies under one lock.
/// </summary>
public sealed class TelemetryStore(int maxTraces, int maxLogRecords, int maxSpansPerTrace, ChangeFeed changes)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, TraceEntry> traces = new(StringComparer.Ordinal);
    private readonly LinkedList<string> traceOrder = new();
    private readonly LinkedList<TelemetryLog> logs = new();
    private readonly Dictionary<(string Service, string Name), MetricInstrument> metrics = [];
    private long nextLogId;

    public long DroppedSpans { get; private set; }

    public int TraceCount
    {
        get
        {
            lock (gate)
            {
                return traces.Count;
            }
        }
    }

    public void AddSpans(IEnumerable<SpanRecord> spans)
    {
        lock (gate)
        {
            foreach (var span in spans)
            {
                if (!traces.TryGetValue(span.TraceId, out var entry))
                {
                    entry = new TraceEntry(span.TraceId, traceOrder.AddLast(span.TraceId));
                    traces[span.TraceId] = entry;
                    if (traces.Count > maxTraces)
                    {
                        traces.Remove(traceOrder.First!.Value);
                        traceOrder.RemoveFirst();
                    }
                }

                if (entry.Spans.Count >= maxSpansPerTrace)
                {
                    DroppedSpans++;
                    continue;
                }

                entry.Add(span);
            }
        }

        changes.Notify();
    }

    public void AddLogs(IEnumerable<Func<long, TelemetryLog>> records)
    {
        lock (gate)
        {
            foreach (var record in records)
            {
                logs.AddLast(record(++nextLogId));
                if (logs.Count > maxLogRecords)
                {
                    logs.RemoveFirst();
                }
            }
        }

        changes.Notify();
    }

    public void AddMetric(string service, string name, string unit, string description, long dataPoints, DateTimeOffset received)
    {
        lock (gate)
        {
            var key = (service, name);
            var total = metrics.TryGetValue(key, out var known) ? known.DataPoints + dataPoints : dataPoints;
            if (known is null && metrics.Count >= maxLogRecords)
            {
                return; // bounded like the rest; instruments are few in practice
            }

            metrics[key] = new MetricInstrument(service, name, unit, description, total, received);
        }

        changes.Notify();
    }

    /// <summary>Newest first, filtered by a service taking part and by text in any span's name or attribute values.</summary>
    public (IReadOnlyList<TraceSummary> Page, int Matching) Traces(string? service, string? text, int skip, int take)
    {
        lock (gate)
        {
            var matching = traces.Values
                .Where(t => string.IsNullOrEmpty(service) || t.Services.Contains(service))
                .Where(t => string.IsNullOrEmpty(text) || t.Matches(text))
                .OrderByDescending(t => t.Start)
                .ToList();
            return (matching.Skip(skip).Take(take).Select(t => t.Summary()).ToList(), matching.Count);
        }
    }

    public IReadOnlyList<SpanRecord>? Trace(string traceId)
    {
        lock (gate)
        {
            return traces.TryGetValue(traceId, out var entry) ? [.. entry.Spans] : null;
        }
    }

    /// <summary>Newest first, at most <paramref name="take"/>.</summary>
    public IReadOnlyList<TelemetryLog> Logs(string? service, int minimumSeverity, string? text, int take)
    {
        lock (gate)
        {
            var result = new List<TelemetryLog>();
            for (var node = logs.Last; node is not null && result.Count < take; node = node.Previous)
            {
                var log = node.Value;
                if ((string.IsNullOrEmpty(service) || log.Service == service) && log.SeverityNumber >= minimumSeverity
                    && (string.IsNullOrEmpty(text) || log.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || log.Category.Contains(text, StringComparison.OrdinalIgnoreCase)
                        || log.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase))))
                {
                    result.Add(log);
                }
            }

            return result;
        }
    }

    public IReadOnlyList<MetricInstrument> Metrics()
    {
        lock (gate)
        {
            return [.. metrics.Values.OrderBy(m => m.Service).ThenBy(m => m.Name)];
        }
    }

    /// <summary>Every service that sent telemetry.</summary>
    public IReadOnlyList<string> Services()
    {
        lock (gate)
        {
            return traces.Values.SelectMany(t => t.Services).Concat(logs.Select(l => l.Service)).Distinct().Order(StringComparer.Ordinal).ToList();
        }
    }

    private sealed class TraceEntry(string traceId, LinkedListNode<string> order)
    {
        public List<SpanRecord> Spans { get; } = [];

        public HashSet<string> Services { get; } = new(StringComparer.Ordinal);

        public LinkedListNode<string> Order { get; } = order;

        public DateTimeOffset Start { get; private set; } = DateTimeOffset.MaxValue;

        private DateTimeOffset End { get; set; } = DateTimeOffset.MinValue;

        private int errors;

        public void Add(SpanRecord span)
        {
            Spans.Add(span);
            Services.Add(span.Service);
            Start = span.Start < Start ? span.Start : Start;
            End = span.End > End ? span.End : End;
            errors += span.IsError ? 1 : 0;
        }

        public bool Matches(string text) => Spans.Any(s =>
            s.Name.Contains(text, StringComparison.OrdinalIgnoreCase) || s.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase)));

        public TraceSummary Summary()
        {
            var ids = Spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
            var root = Spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? Spans[0];
            return new TraceSummary(traceId, root.Name, root.Service, Services.Order(StringComparer.Ordinal).ToList(), Start,
                End > Start ? End - Start : TimeSpan.Zero, Spans.Count, errors);
        }
    }
}
