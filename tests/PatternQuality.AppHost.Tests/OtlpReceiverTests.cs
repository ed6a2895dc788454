using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PatternQuality.AppHost.Dashboard;
using PatternQuality.AppHost.Dashboard.Telemetry;
using PatternQuality.AppHost.Dashboard.Web;

namespace PatternQuality.AppHost.Tests;

/// <summary>The dashboard's OTLP receiver, fed by the real OpenTelemetry .NET exporter and by bad requests.</summary>
public sealed class OtlpReceiverTests : IAsyncLifetime
{
    private const string ApiKey = "test-otlp-key-5d1e";
    private const int MaxBody = 64 * 1024;
    private readonly TelemetryStore store = new(maxTraces: 100, maxLogRecords: 100, maxSpansPerTrace: 100, new ChangeFeed());
    private WebApplication? receiver;

    private string Url => receiver!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public async ValueTask InitializeAsync()
    {
        receiver = DashboardWebApp.Otlp("http://127.0.0.1:0", store, ApiKey, MaxBody);
        await receiver.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await receiver!.DisposeAsync();

    [Fact]
    public void Traces_from_the_OpenTelemetry_exporter_keep_their_tree_attributes_and_status()
    {
        using var source = new ActivitySource("receiver-test");
        using (var provider = Sdk.CreateTracerProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("traced-service"))
                   .AddSource("receiver-test")
                   .AddOtlpExporter(options => Configure(options, "/v1/traces"))
                   .Build())
        {
            using (var root = source.StartActivity("backfill run"))
            {
                using var child = source.StartActivity("backfill batch");
                child!.SetTag("pattern_quality.batch.size", 100);
                child.SetStatus(ActivityStatusCode.Error, "qdrant answered 503");
            }

            Assert.True(provider!.ForceFlush(10_000));
        }

        var (traces, matching) = store.Traces("traced-service", null, 0, 10);
        Assert.Equal(1, matching);
        Assert.Equal(("backfill run", 2, 1), (traces[0].RootName, traces[0].SpanCount, traces[0].ErrorCount));
        var spans = store.Trace(traces[0].TraceId)!;
        var batch = spans.Single(s => s.Name == "backfill batch");
        Assert.Equal(spans.Single(s => s.Name == "backfill run").SpanId, batch.ParentSpanId);
        Assert.Equal("100", batch.Attribute("pattern_quality.batch.size"));
        Assert.Equal("qdrant answered 503", batch.StatusMessage);
        Assert.Equal("traced-service", batch.Service);
    }

    [Fact]
    public void Logs_and_metrics_from_the_OpenTelemetry_exporter_arrive()
    {
        using (var loggers = LoggerFactory.Create(logging => logging.AddOpenTelemetry(options =>
               {
                   options.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("logging-service"));
                   options.AddOtlpExporter(exporter => Configure(exporter, "/v1/logs"));
               })))
        {
            loggers.CreateLogger("PatternQuality.Test").LogWarning("stored {Count} scores", 1085);
        }

        using var meter = new Meter("receiver-test-meter");
        using (var provider = Sdk.CreateMeterProviderBuilder()
                   .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService("metered-service"))
                   .AddMeter("receiver-test-meter")
                   .AddOtlpExporter((exporter, reader) => Configure(exporter, "/v1/metrics"))
                   .Build())
        {
            meter.CreateCounter<long>("patternquality.test.processed").Add(5);
            Assert.True(provider!.ForceFlush(10_000));
        }

        var log = Assert.Single(store.Logs("logging-service", 0, null, 10));
        Assert.Equal(("stored 1085 scores", "Warning", "PatternQuality.Test"), (log.Message, log.Level, log.Category));
        Assert.Contains(log.Attributes, a => a.Key == "Count" && a.Value == "1085");
        Assert.Contains(store.Metrics(), m => m.Service == "metered-service" && m.Name == "patternquality.test.processed" && m.DataPoints >= 1);
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_4xx_and_store_nothing()
    {
        using var client = new HttpClient { BaseAddress = new Uri(Url) };
        var garbage = Enumerable.Range(0, 300).Select(i => (byte)(i * 37 % 251)).ToArray();

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, garbage, key: null));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(client, garbage, key: "wrong"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await PostAsync(client, "{\"resourceSpans\":[]}"u8.ToArray(), contentType: "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, garbage));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])); // a length past the end
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(client, new byte[MaxBody + 1]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await PostAsync(client, Gzip(new byte[MaxBody * 16]), gzip: true));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(client, garbage, gzip: true));
        Assert.Equal(0, store.TraceCount);

        // Unharmed: a real export still goes through.
        Traces_from_the_OpenTelemetry_exporter_keep_their_tree_attributes_and_status();
    }

    [Fact]
    public void The_store_keeps_the_newest_traces_and_log_records_within_its_limits()
    {
        var small = new TelemetryStore(maxTraces: 3, maxLogRecords: 2, maxSpansPerTrace: 2, new ChangeFeed());
        var start = DateTimeOffset.UtcNow;
        for (var trace = 0; trace < 5; trace++)
        {
            small.AddSpans(Enumerable.Range(0, 3).Select(span => new SpanRecord(
                $"trace{trace}", $"span{span}", span == 0 ? null : "span0", $"name{span}", "internal", "svc", "scope",
                start.AddSeconds(trace), start.AddSeconds(trace + 1), [], [], false, null)));
        }

        small.AddLogs(Enumerable.Range(0, 4).Select(i => (Func<long, TelemetryLog>)(id => new TelemetryLog(id, start, "svc", "Information", 9, $"log {i}", "c", [], null, null))));

        var (traces, matching) = small.Traces(null, null, 0, 10);
        Assert.Equal(3, matching);
        Assert.Equal(["trace4", "trace3", "trace2"], traces.Select(t => t.TraceId));
        Assert.All(traces, t => Assert.Equal(2, t.SpanCount));
        Assert.Equal(5, small.DroppedSpans);
        Assert.Equal(["log 3", "log 2"], small.Logs(null, 0, null, 10).Select(l => l.Message));
    }

    private void Configure(OtlpExporterOptions options, string path)
    {
        options.Endpoint = new Uri(Url + path);
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Headers = $"x-otlp-api-key={ApiKey}";
        options.ExportProcessorType = ExportProcessorType.Simple;
    }

    private static async Task<HttpStatusCode> PostAsync(
        HttpClient client, byte[] body, string? key = ApiKey, string contentType = "application/x-protobuf", bool gzip = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (gzip)
        {
            request.Content.Headers.ContentEncoding.Add("gzip");
        }

        if (key is not null)
        {
            request.Headers.Add("x-otlp-api-key", key);
        }

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
