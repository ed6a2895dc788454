using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PatternQuality.AppHost.Tests;

/// <summary>The real Aspire dashboard of a running AppHost, in Debian's Chromium: log in, follow the backfill's run, run an operator command.</summary>
public sealed partial class DashboardBrowserTests : IDisposable
{
    private readonly string dataDirectory = TestAppHost.NewDataDirectory();
    private readonly OurProcesses ours = new();

    [Fact]
    public async Task The_printed_link_logs_in_and_the_backfill_run_is_one_trace_with_each_batch_calling_Qdrant_and_PostgreSQL()
    {
        using var appHost = AppHostProcess.Start(dataDirectory, ours);
        await appHost.WaitForLineAsync("every resource is ready, ", TimeSpan.FromMinutes(3));
        var login = LoginLink().Match(appHost.Output).Value;
        Assert.NotEmpty(login);
        var dashboard = new Uri(login).GetLeftPart(UriPartial.Authority);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1400 } });

        // Without the token: the login page, not the telemetry.
        await page.GotoAsync($"{dashboard}/traces");
        Assert.Contains("/login", page.Url);

        await page.GotoAsync(login);
        await page.GotoAsync($"{dashboard}/traces");
        await page.GetByText("backfill: backfill run").First.ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await Expect(page.Locator("td[title='backfill: backfill batch']").First).ToBeVisibleAsync();

        var rows = await SpanRowsAsync(page);
        Assert.Contains(rows, row => row.Title.StartsWith("backfill: backfill collection", StringComparison.Ordinal));
        var batches = rows.Select((row, index) => (row, index)).Where(r => r.row.Title == "backfill: backfill batch").ToList();
        Assert.True(batches.Count >= 2, "1,085 patterns in batches of 100 make many batches");
        foreach (var (batch, index) in batches)
        {
            var children = rows.Skip(index + 1).TakeWhile(row => row.Indent > batch.Indent).Select(row => row.Title).ToList();
            Assert.Contains(children, title => title.StartsWith("qdrant: ", StringComparison.Ordinal) && title.EndsWith("/qdrant.Points/Scroll", StringComparison.Ordinal));
            Assert.Contains(children, title => title.StartsWith("backfill: postgresql\nOutgoing call to omninode-bridge", StringComparison.Ordinal));
        }

        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "backfill-trace.png"), FullPage = true });
    }

    [Fact]
    public async Task Verify_013_from_the_migrators_menu_answers_with_the_checks_in_the_dashboard()
    {
        using var appHost = AppHostProcess.Start(dataDirectory, ours);
        await appHost.WaitForLineAsync("every resource is ready, ", TimeSpan.FromMinutes(3));
        var login = LoginLink().Match(appHost.Output).Value;
        var dashboard = new Uri(login).GetLeftPart(UriPartial.Authority);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1400 } });
        await page.GotoAsync(login);
        await page.GotoAsync($"{dashboard}/");

        var migrator = page.Locator("tr", new() { Has = page.GetByText("migrator", new() { Exact = true }) });
        await migrator.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Commands" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Verify 013", Exact = true }).ClickAsync();

        // The answer opens by itself: the checks of `verify`, line by line, as the migrator printed them.
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "Text content" });
        await Expect(answer).ToContainTextAsync("verify: passed", new() { Timeout = 60_000 });
        await Expect(page.Locator(".text-visualizer-dialog-title")).ToContainTextAsync("Verify 013");
        var lines = (await answer.Locator(".log-content").AllInnerTextsAsync()).Select(line => line.Trim('\n')).ToList();
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^foreign keys on pattern_quality_metrics\s+0\s+ok$"));
        Assert.Contains(lines, line => Regex.IsMatch(line, @"^rows\s+1085\s+ok$"));
        Assert.Equal(4, lines.Count(line => Regex.IsMatch(line, @"^\s*(excellent|good|fair|poor) \(.*\d+\.\d%$")));

        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "verify-013.png") });

        // The backfill's counters have their charts on the metrics page, the rejections' too while there are none.
        await page.GotoAsync($"{dashboard}/metrics/resource/backfill");
        foreach (var counter in new[] { "processed", "stored", "rejected" })
        {
            await Expect(page.GetByText($"patternquality.backfill.patterns.{counter}", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }

        await page.Locator("fluent-tree-item[title='patternquality.backfill.patterns.processed']").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "patternquality.backfill.patterns.processed" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Gridcell, new() { Name = "backfill.collection" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForTimeoutAsync(2000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "backfill-processed.png") });
    }

    /// <summary>The trace's rows top to bottom: each span's title and its depth (the indent of its name).</summary>
    private static async Task<List<(string Title, double Indent)>> SpanRowsAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('tr.fluent-data-grid-row td.expand-col[title]')]
                .map(cell => ({ title: cell.getAttribute('title'), indent: cell.querySelector('.main-grid-expand-container') }))
                .filter(row => row.indent !== null)
                .map(row => ({ title: row.title, indent: parseFloat(row.indent.style.marginLeft) || 0 }))
            """);
        return json.EnumerateArray().Select(row => (row.GetProperty("title").GetString()!, row.GetProperty("indent").GetDouble())).ToList();
    }

    public void Dispose()
    {
        ours.KillAll();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/login\?t=[0-9a-f]+")]
    private static partial Regex LoginLink();
}
