using System.Net;
using Google.Protobuf;
using PatternQuality.AppHost.Dashboard.Otlp.Protos;

namespace PatternQuality.AppHost.Tests;

/// <summary>The dashboard over HTTP: the token gate, resource actions, telemetry wiring and encoding.</summary>
public sealed class DashboardAccessTests(DashboardFixture dashboard) : IClassFixture<DashboardFixture>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/traces")]
    [InlineData("GET", "/console/api")]
    [InlineData("GET", "/structuredlogs")]
    [InlineData("GET", "/events")]
    [InlineData("POST", "/resources/api/stop")]
    public async Task Without_the_token_every_page_and_action_leads_to_the_login_page(string method, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.Endpoints.Url!) };
        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login", response.Headers.Location!.AbsolutePath);
        Assert.True(dashboard.App.ResourceNotifications.TryGet("api")!.IsReady, "no action was taken");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_and_the_right_one_logs_in()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(dashboard.Endpoints.Url!) };

        using var wrong = await client.GetAsync("/login?t=not-the-token", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("does not match", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        using var right = await client.GetAsync(new Uri(dashboard.Endpoints.LoginUrl!).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains(right.Headers.GetValues("Set-Cookie"), cookie => cookie.Contains("httponly", StringComparison.OrdinalIgnoreCase)
            && cookie.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Projects_are_told_to_export_to_the_dashboard_with_its_key()
    {
        var api = await dashboard.Running.WaitForAsync("api", s => s.IsReady);
        var environment = ProcessTree.EnvironmentOf(api.ProcessId!.Value);

        Assert.Equal(dashboard.Endpoints.OtlpUrl, environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Equal($"x-otlp-api-key={dashboard.Endpoints.OtlpApiKey}", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
    }

    [Fact]
    public async Task Restarting_a_resource_from_the_dashboard_gives_it_a_new_process()
    {
        using var client = await LoggedInClientAsync();
        var before = await dashboard.Running.WaitForAsync("api", s => s.IsReady);

        using var response = await client.PostAsync("/resources/api/restart", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await dashboard.Running.WaitForAsync("api", s => s.IsReady && s.ProcessId != before.ProcessId);
        Assert.False(ProcessTree.IsAlive(before.ProcessId!.Value));
        Assert.NotEqual(before.StartTime, after.StartTime);

        using var unknown = await client.PostAsync("/resources/api/explode", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Telemetry_text_is_shown_as_text_never_as_markup()
    {
        var hostile = "<img src=x onerror=alert(1)>";
        var request = new ExportTraceServiceRequest
        {
            ResourceSpans =
            {
                new ResourceSpans
                {
                    Resource = new PatternQuality.AppHost.Dashboard.Otlp.Protos.Resource { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "intruder" } } } },
                    ScopeSpans = { new ScopeSpans { Spans = { new Span
                    {
                        TraceId = ByteString.CopyFrom(Enumerable.Repeat((byte)7, 16).ToArray()),
                        SpanId = ByteString.CopyFrom(Enumerable.Repeat((byte)9, 8).ToArray()),
                        Name = hostile,
                        StartTimeUnixNano = 1_700_000_000_000_000_000,
                        EndTimeUnixNano = 1_700_000_000_100_000_000,
                        Attributes = { new KeyValue { Key = "note", Value = new AnyValue { StringValue = "</td><script>alert(2)</script>" } } },
                    } } } },
                },
            },
        };
        using var otlp = new HttpClient { BaseAddress = new Uri(dashboard.Endpoints.OtlpUrl!) };
        using var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new("application/x-protobuf");
        content.Headers.Add("x-otlp-api-key", dashboard.Endpoints.OtlpApiKey);
        (await otlp.PostAsync("/v1/traces", content, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        using var client = await LoggedInClientAsync();
        var list = await client.GetStringAsync("/traces?resource=intruder", TestContext.Current.CancellationToken);
        var trace = await client.GetStringAsync("/traces/07070707070707070707070707070707", TestContext.Current.CancellationToken);
        var details = await client.GetStringAsync("/traces/07070707070707070707070707070707/spans/0909090909090909", TestContext.Current.CancellationToken);

        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", list);
        Assert.DoesNotContain(hostile, list);
        Assert.DoesNotContain(hostile, trace);
        Assert.DoesNotContain("<script>alert(2)", details);
        Assert.Contains("&lt;script&gt;alert(2)", details);
    }

    private async Task<HttpClient> LoggedInClientAsync()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(dashboard.Endpoints.Url!) };
        using var login = await client.GetAsync(new Uri(dashboard.Endpoints.LoginUrl!).PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        return client;
    }
}
