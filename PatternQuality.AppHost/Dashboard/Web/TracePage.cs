using System.Globalization;
using System.Text;
using PatternQuality.AppHost.Dashboard.Telemetry;
using static PatternQuality.AppHost.Dashboard.Web.Html;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>One trace as a waterfall across services: each span under its parent, a bar on the trace's time line, its attributes on opening.</summary>
internal static class TracePage
{
    public static string? Render(TelemetryStore store, string traceId)
    {
        if (store.Trace(traceId) is not { Count: > 0 } spans)
        {
            return null;
        }

        var start = spans.Min(s => s.Start);
        var total = Math.Max((spans.Max(s => s.End) - start).Ticks, 1);
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var children = spans.Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .ToLookup(s => s.ParentSpanId!, StringComparer.Ordinal);
        var roots = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderBy(s => s.Start).ToList();

        var rows = new StringBuilder();
        var pending = new Stack<(SpanRecord Span, int Depth)>(roots.AsEnumerable().Reverse().Select(s => (s, 0)));
        while (pending.TryPop(out var item))
        {
            Row(rows, item.Span, item.Depth, start, total);
            foreach (var child in children[item.Span.SpanId].OrderByDescending(s => s.Start))
            {
                pending.Push((child, item.Depth + 1));
            }
        }

        var root = roots[0];
        return $"""
            <h1>{E(root.Service)}: {E(root.Name)}</h1>
            <p>Trace <code>{E(traceId)}</code> · {Duration(TimeSpan.FromTicks(total))} · {spans.Count} spans · {spans.Count(s => s.IsError)} errors ·
            {E(string.Join(", ", spans.Select(s => s.Service).Distinct()))}</p>
            <div id="waterfall" data-trace-id="{E(traceId)}">{rows}</div>
            {WaterfallScript}
            """;
    }

    // Opening a span's row fetches its details once.
    private const string WaterfallScript = """
            <script>
            document.getElementById('waterfall').addEventListener('toggle', async event => {
              const details = event.target;
              if (!details.open || details.dataset.loaded) return;
              details.dataset.loaded = 'true';
              const row = details.closest('.span-row');
              const response = await fetch(`/traces/${row.parentElement.dataset.traceId}/spans/${row.dataset.spanId}`);
              details.insertAdjacentHTML('beforeend', response.ok ? await response.text() : '<p class="error">the span is no longer stored</p>');
            }, true);
            </script>
        """;

    /// <summary>One span's details, fetched when its row is opened: with thousands of spans, rendering them all up front makes the page slow to load.</summary>
    public static string? Details(TelemetryStore store, string traceId, string spanId)
    {
        if (store.Trace(traceId)?.FirstOrDefault(s => s.SpanId == spanId) is not { } span)
        {
            return null;
        }

        var attributes = new StringBuilder();
        foreach (var (key, value) in new[] { ("span.kind", span.Kind), ("span.id", span.SpanId), ("parent.id", span.ParentSpanId ?? ""), ("scope", span.Scope) }
                     .Concat(span.Attributes.Select(a => (a.Key, a.Value))))
        {
            attributes.Append($"<tr><th>{E(key)}</th><td>{E(value)}</td></tr>");
        }

        if (span.StatusMessage is { } status)
        {
            attributes.Append($"<tr><th>status</th><td class=\"error\">{E(status)}</td></tr>");
        }

        foreach (var spanEvent in span.Events)
        {
            attributes.Append($"<tr><th>event {E(spanEvent.Name)}</th><td>{E(string.Join("; ", spanEvent.Attributes.Select(a => $"{a.Key}={a.Value}")))}</td></tr>");
        }

        return $"<table class=\"attrs\">{attributes}</table>";
    }

    private static void Row(StringBuilder rows, SpanRecord span, int depth, DateTimeOffset start, long total)
    {
        var left = (span.Start - start).Ticks * 100.0 / total;
        var width = span.Duration.Ticks * 100.0 / total;
        rows.Append(string.Create(CultureInfo.InvariantCulture, $"""
            <div class="span-row{(span.IsError ? " error" : "")}" style="--depth:{depth}" data-span-id="{E(span.SpanId)}" data-parent-id="{E(span.ParentSpanId)}" data-service="{E(span.Service)}" data-name="{E(span.Name)}">
            <details><summary><span class="label"><span class="service">{E(span.Service)}</span><span class="name">{E(span.Name)}</span></span>
            <span class="track"><span class="bar" style="left:{left:0.###}%;width:{width:0.###}%"></span></span><span class="duration">{Duration(span.Duration)}</span></summary>
            </details>
            </div>
            """));
    }
}
