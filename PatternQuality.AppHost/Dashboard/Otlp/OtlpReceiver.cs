using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using PatternQuality.AppHost.Dashboard.Otlp.Protos;
using PatternQuality.AppHost.Dashboard.Telemetry;

namespace PatternQuality.AppHost.Dashboard.Otlp;

/// <summary>
/// OTLP over HTTP/protobuf: <c>/v1/traces</c>, <c>/v1/logs</c>, <c>/v1/metrics</c>. A request without
/// the right <c>x-otlp-api-key</c> is 401, one that is not protobuf 415, one over the size limit 413,
/// one that does not decode 400; none of them changes what is stored.
/// </summary>
internal static class OtlpReceiver
{
    public const string ApiKeyHeader = "x-otlp-api-key";
    private const string Protobuf = "application/x-protobuf";

    public static void MapOtlp(this WebApplication app, TelemetryStore store, string? apiKey, int maxBodyBytes)
    {
        app.MapPost("/v1/traces", (HttpRequest httpRequest) => ReceiveAsync(httpRequest.HttpContext, apiKey, maxBodyBytes, ExportTraceServiceRequest.Parser,
            request => store.AddSpans(Spans(request)), new ExportTraceServiceResponse()));
        app.MapPost("/v1/logs", (HttpRequest httpRequest) => ReceiveAsync(httpRequest.HttpContext, apiKey, maxBodyBytes, ExportLogsServiceRequest.Parser,
            request => store.AddLogs(Logs(request)), new ExportLogsServiceResponse()));
        app.MapPost("/v1/metrics", (HttpRequest httpRequest) => ReceiveAsync(httpRequest.HttpContext, apiKey, maxBodyBytes, ExportMetricsServiceRequest.Parser,
            request => AddMetrics(store, request), new ExportMetricsServiceResponse()));
    }

    private static async Task<IResult> ReceiveAsync<TRequest>(
        HttpContext context, string? apiKey, int maxBodyBytes, MessageParser<TRequest> parser, Action<TRequest> store, IMessage response)
        where TRequest : IMessage<TRequest>
    {
        if (apiKey is not null && !KeyMatches(context.Request.Headers[ApiKeyHeader].ToString(), apiKey))
        {
            return Results.Text($"missing or wrong {ApiKeyHeader} header", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (context.Request.ContentType?.Split(';')[0].Trim() != Protobuf)
        {
            return Results.Text($"OTLP over HTTP here is {Protobuf} only", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var encoding = context.Request.Headers.ContentEncoding.ToString();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return Results.Text($"Content-Encoding {encoding} is not supported (gzip is)", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Request.ContentLength > maxBodyBytes)
        {
            return TooLarge(maxBodyBytes);
        }

        byte[] body;
        try
        {
            body = await ReadBoundedAsync(encoding == "gzip" ? new GZipStream(context.Request.Body, CompressionMode.Decompress) : context.Request.Body,
                maxBodyBytes, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return Results.Text("the gzip body does not decompress", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BodyTooLargeException)
        {
            return TooLarge(maxBodyBytes);
        }

        TRequest request;
        try
        {
            request = parser.ParseFrom(body);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return Results.Text($"the body is not an OTLP export request: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        store(request);
        return Results.Bytes(response.ToByteArray(), Protobuf);
    }

    private static IResult TooLarge(int maxBodyBytes) =>
        Results.Text($"the body is larger than {maxBodyBytes} bytes", statusCode: StatusCodes.Status413PayloadTooLarge);

    private static bool KeyMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    /// <summary>Reads at most <paramref name="limit"/> bytes, also after decompression, so a small gzip bomb stays small.</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new BodyTooLargeException();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    internal static IEnumerable<SpanRecord> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let service = OtlpConversions.Service(resourceSpans.Resource)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        let traceId = OtlpConversions.Id(span.TraceId)
        let spanId = OtlpConversions.Id(span.SpanId)
        where traceId is not null && spanId is not null
        select new SpanRecord(
            traceId, spanId, OtlpConversions.Id(span.ParentSpanId), span.Name, OtlpConversions.Kind(span.Kind), service,
            scopeSpans.Scope?.Name ?? "", OtlpConversions.Time(span.StartTimeUnixNano), OtlpConversions.Time(span.EndTimeUnixNano),
            OtlpConversions.Attributes(span.Attributes),
            span.Events.Select(e => new SpanEvent(OtlpConversions.Time(e.TimeUnixNano), e.Name, OtlpConversions.Attributes(e.Attributes))).ToList(),
            span.Status?.Code == Status.Types.StatusCode.Error, string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message);

    private static IEnumerable<Func<long, TelemetryLog>> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let service = OtlpConversions.Service(resourceLogs.Resource)
        from scopeLogs in resourceLogs.ScopeLogs
        from record in scopeLogs.LogRecords
        let attributes = OtlpConversions.Attributes(record.Attributes)
        select (Func<long, TelemetryLog>)(id => new TelemetryLog(
            id, OtlpConversions.Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano), service,
            string.IsNullOrEmpty(record.SeverityText) ? OtlpConversions.Level(record.SeverityNumber) : record.SeverityText,
            record.SeverityNumber, LogMessageTemplate.Format(OtlpConversions.Text(record.Body), attributes), scopeLogs.Scope?.Name ?? "", attributes,
            OtlpConversions.Id(record.TraceId), OtlpConversions.Id(record.SpanId)));

    private static void AddMetrics(TelemetryStore store, ExportMetricsServiceRequest request)
    {
        var received = DateTimeOffset.UtcNow;
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var service = OtlpConversions.Service(resourceMetrics.Resource);
            foreach (var metric in resourceMetrics.ScopeMetrics.SelectMany(s => s.Metrics))
            {
                var points = metric.DataCase switch
                {
                    Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Count,
                    Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Count,
                    Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Count,
                    Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Count,
                    Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Count,
                    _ => 0,
                };
                store.AddMetric(service, metric.Name, metric.Unit, metric.Description, points, received);
            }
        }
    }

    private sealed class BodyTooLargeException : Exception;
}
