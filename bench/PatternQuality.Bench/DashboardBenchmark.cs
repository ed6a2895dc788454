using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Microsoft.Playwright;
using PatternQuality.AppHost.Dashboard;
using PatternQuality.AppHost.Dashboard.Otlp;
using PatternQuality.AppHost.Dashboard.Otlp.Protos;
using PatternQuality.AppHost.Dashboard.Telemetry;
using PatternQuality.AppHost.Dashboard.Web;
using PatternQuality.Testing;

namespace PatternQuality.Bench;

/// <summary>
/// The dashboard: spans ingested per second (decoding alone, decoding into the store, and over
/// HTTP into a running AppHost), then, with 10,000 traces stored, the trace list and a trace of
/// 2,000 spans: rendered on the server, fetched over HTTP, and loaded in headless Chromium.
/// </summary>
internal static partial class DashboardBenchmark
{
    private const int SpansPerRequest = 512; // the .NET exporter's largest batch
    private const string OtlpKey = "bench-otlp-key";

    public static async Task RunAsync()
    {
        var bodies = Enumerable.Range(0, 200).Select(i => Request(i).ToByteArray()).ToList(); // 102,400 spans in 20,480 traces
        var spans = bodies.Count * SpansPerRequest;
        Console.WriteLine($"Dashboard: {spans:N0} spans in {bodies.Count} OTLP requests of {SpansPerRequest} spans (5 per trace)");
        Console.WriteLine("| ingest | spans/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| protobuf decoding alone (ceiling) | {Rate(spans, () => bodies.ForEach(b => ExportTraceServiceRequest.Parser.ParseFrom(b))):N0} |");
        var store = new TelemetryStore(10_000, 10_000, 10_000, new ChangeFeed());
        Console.WriteLine($"| decoding into the store (no HTTP) | {Rate(spans, () => bodies.ForEach(b => store.AddSpans(OtlpReceiver.Spans(ExportTraceServiceRequest.Parser.ParseFrom(b))))):N0} |");

        var data = Directory.CreateTempSubdirectory("pq-bench-dashboard-").FullName;
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        using var appHost = StartAppHost(data, out var urls);
        try
        {
            var (dashboardUrl, loginUrl, otlpUrl) = await urls;
            using var otlp = new HttpClient { BaseAddress = new Uri(otlpUrl) };
            await SendAllAsync(otlp, bodies.Take(20).ToList(), 4); // warm-up
            var stopwatch = Stopwatch.StartNew();
            await SendAllAsync(otlp, bodies, 4);
            Console.WriteLine($"| over HTTP into the running AppHost, 4 connections | {spans / stopwatch.Elapsed.TotalSeconds:N0} |");

            await SendAllAsync(otlp, [BigTrace().ToByteArray()], 1);
            await RenderAsync(dashboardUrl, loginUrl, store);
        }
        finally
        {
            using (var interrupt = Process.Start("kill", ["-INT", appHost.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await appHost.WaitForExitAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task RenderAsync(string dashboardUrl, string loginUrl, TelemetryStore store)
    {
        var big = BigTrace();
        store.AddSpans(OtlpReceiver.Spans(big));
        var bigId = Convert.ToHexStringLower(big.ResourceSpans[0].ScopeSpans[0].Spans[0].TraceId.Span);
        Console.WriteLine();
        Console.WriteLine($"With {store.TraceCount:N0} traces stored (the limit) and one trace of 2,000 spans; median of 20, ms:");
        Console.WriteLine("| page | server render | HTTP fetch | Chromium load |");
        Console.WriteLine("|---|---|---|---|");

        using var cookies = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = new Uri(dashboardUrl) };
        (await cookies.GetAsync(new Uri(loginUrl).PathAndQuery)).EnsureSuccessStatusCode();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync(loginUrl);

        foreach (var (name, path, render) in new (string, string, Func<string?>)[]
                 {
                     ("trace list (first 100 of 10,000)", "/traces", () => TracesPage.Render(store, null, null, 0)),
                     ("trace list filtered by text", "/traces?text=segment-7", () => TracesPage.Render(store, null, "segment-7", 0)),
                     ("trace of 2,000 spans", $"/traces/{bigId}", () => TracePage.Render(store, bigId)),
                 })
        {
            var server = Median(20, () => render());
            var http = await MedianAsync(20, () => cookies.GetStringAsync(path));
            var chromium = await MedianAsync(20, () => page.GotoAsync(dashboardUrl + path));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {server:0.0} | {http:0.0} | {chromium:0.0} |"));
        }
    }

    private static Process StartAppHost(string data, out Task<(string Dashboard, string Login, string Otlp)> urls)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { ProjectPrograms.PathOf("PatternQuality.AppHost"), "--data-dir", data })
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["AppHost__RandomizePorts"] = "true";
        startInfo.Environment["AppHost__Dashboard__Url"] = "http://127.0.0.1:0";
        startInfo.Environment["AppHost__Dashboard__OtlpUrl"] = "http://127.0.0.1:0";
        startInfo.Environment["AppHost__Dashboard__OtlpApiKey"] = OtlpKey;
        var found = new TaskCompletionSource<(string, string, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = Process.Start(startInfo)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && DashboardLine().Match(line) is { Success: true } match)
            {
                found.TrySetResult((match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        urls = found.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return process;
    }

    private static async Task SendAllAsync(HttpClient client, IReadOnlyList<byte[]> bodies, int connections)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new ByteArrayContent(bodies[index]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                content.Headers.Add("x-otlp-api-key", OtlpKey);
                (await client.PostAsync("/v1/traces", content)).EnsureSuccessStatusCode();
            }
        }));
    }

    /// <summary>A backfill-like trace shape: run, collection, batch, and the batch's two calls.</summary>
    private static ExportTraceServiceRequest Request(int index)
    {
        var scope = new ScopeSpans();
        var start = 1_700_000_000_000_000_000UL + (ulong)index * 1_000_000_000UL;
        for (var trace = 0; trace < SpansPerRequest / 5; trace++)
        {
            var traceId = Id(16, index * 1000 + trace + 1);
            string[] names = ["backfill run", "backfill collection code_patterns", "backfill batch", "POST", "postgresql"];
            for (var span = 0; span < 5; span++)
            {
                scope.Spans.Add(new Span
                {
                    TraceId = traceId,
                    SpanId = Id(8, span + 1),
                    ParentSpanId = span == 0 ? ByteString.Empty : Id(8, span >= 3 ? 3 : span),
                    Name = names[span],
                    Kind = span >= 3 ? Span.Types.SpanKind.Client : Span.Types.SpanKind.Internal,
                    StartTimeUnixNano = start + (ulong)(span * 1_000_000),
                    EndTimeUnixNano = start + (ulong)(span * 1_000_000) + 5_000_000,
                    Attributes =
                    {
                        new KeyValue { Key = "pattern_quality.segment", Value = new AnyValue { StringValue = $"segment-{trace % 10}" } },
                        new KeyValue { Key = "url.full", Value = new AnyValue { StringValue = "http://localhost:6333/collections/code_patterns/points/scroll" } },
                    },
                });
            }
        }

        return Wrap(scope);
    }

    private static ExportTraceServiceRequest BigTrace()
    {
        var scope = new ScopeSpans();
        var traceId = Id(16, 999_999_999);
        const ulong start = 1_800_000_000_000_000_000UL;
        for (var span = 0; span < 2000; span++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = traceId,
                SpanId = Id(8, span + 1),
                ParentSpanId = span == 0 ? ByteString.Empty : Id(8, span % 3 == 0 ? 1 : span),
                Name = span == 0 ? "backfill run" : span % 3 == 0 ? "backfill batch" : span % 3 == 1 ? "POST" : "postgresql",
                StartTimeUnixNano = start + (ulong)span * 1_000_000,
                EndTimeUnixNano = start + (ulong)span * 1_000_000 + 800_000,
                Attributes = { new KeyValue { Key = "db.system.name", Value = new AnyValue { StringValue = "postgresql" } } },
            });
        }

        return Wrap(scope);
    }

    private static ExportTraceServiceRequest Wrap(ScopeSpans scope) => new()
    {
        ResourceSpans =
        {
            new ResourceSpans
            {
                Resource = new Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "backfill" } } } },
                ScopeSpans = { scope },
            },
        },
    };

    private static ByteString Id(int length, long value)
    {
        var bytes = new byte[length];
        BitConverter.GetBytes(value).CopyTo(bytes, length - 8);
        return ByteString.CopyFrom(bytes);
    }

    private static double Rate(int spans, Action work)
    {
        work(); // warm-up
        var stopwatch = Stopwatch.StartNew();
        work();
        return spans / stopwatch.Elapsed.TotalSeconds;
    }

    private static double Median(int runs, Action work)
    {
        work();
        return Enumerable.Range(0, runs).Select(_ => { var s = Stopwatch.StartNew(); work(); return s.Elapsed.TotalMilliseconds; }).Order().ElementAt(runs / 2);
    }

    private static async Task<double> MedianAsync(int runs, Func<Task> work)
    {
        await work();
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            await work();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(runs / 2);
    }

    [GeneratedRegex(@"Dashboard: (\S+) \(log in with (\S+)\); OTLP/HTTP receiver: (\S+)")]
    private static partial Regex DashboardLine();
}
