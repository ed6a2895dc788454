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

    /// <summary>The batch's PostgreSQL command as the dashboard titles it: Npgsql's span, its peer named as our database resource.</summary>
    private const string PostgresCall = "backfill: postgresql\nOutgoing call to omninode-bridge";

    [Fact]
    public async Task The_printed_link_logs_in_and_the_backfill_run_is_one_trace_with_each_batch_calling_Qdrant_and_PostgreSQL()
    {
        await using var session = await OpenDashboardAsync();
        var (page, dashboard) = (session.Page, session.Url);

        // Without the token: the login page, not the telemetry.
        await page.GotoAsync($"{dashboard}/traces");
        Assert.Contains("/login", page.Url);

        await page.GotoAsync(session.Login);
        await page.GotoAsync($"{dashboard}/traces");
        await page.GetByText("backfill: backfill run").First.ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await Expect(page.Locator("td[title='backfill: backfill batch']").First).ToBeVisibleAsync();

        // Telemetry arrives as each process exports it, and the dashboard names a call's peer from the resources it has
        // heard of (again when they change): a trace opened early is completed by loading it again.
        var rows = await SpanRowsAsync(page);
        for (var attempt = 0; attempt < 10 && !BatchesCallBoth(rows); attempt++)
        {
            await page.WaitForTimeoutAsync(3000);
            await page.ReloadAsync();
            await Expect(page.Locator("td[title='backfill: backfill batch']").First).ToBeVisibleAsync();
            rows = await SpanRowsAsync(page);
        }

        Assert.Contains(rows, row => row.Title.StartsWith("backfill: backfill collection", StringComparison.Ordinal));
        var batches = BatchChildren(rows);
        Assert.True(batches.Count >= 2, "1,085 patterns in batches of 100 make many batches");
        foreach (var children in batches)
        {
            Assert.Contains(children, title => title.StartsWith("qdrant: ", StringComparison.Ordinal) && title.EndsWith("/qdrant.Points/Scroll", StringComparison.Ordinal));
            Assert.Contains(children, title => title.StartsWith(PostgresCall, StringComparison.Ordinal));
        }

        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "backfill-trace.png"), FullPage = true });
    }

    [Fact]
    public async Task Verify_013_from_the_migrators_menu_answers_with_the_checks_in_the_dashboard()
    {
        await using var session = await OpenDashboardAsync();
        var (page, dashboard) = (session.Page, session.Url);
        await page.GotoAsync(session.Login);
        await page.GotoAsync($"{dashboard}/");

        await RunCommandAsync(page, "migrator", "Verify 013");

        // The answer opens by itself: the migrator's verify answer, field by field, as it wrote it.
        var answer = page.GetByRole(AriaRole.Region, new() { Name = "Text content" });
        await Expect(answer).ToContainTextAsync("\"answer\": \"verify\"", new() { Timeout = 60_000 });
        await Expect(page.Locator(".text-visualizer-dialog-title")).ToContainTextAsync("Verify 013");
        var lines = (await answer.Locator(".log-content").AllInnerTextsAsync()).Select(line => line.Trim('\n').Trim()).ToList();
        Assert.Contains("\"foreignKeys\": 0,", lines);
        Assert.Contains("\"rows\": 1085,", lines);
        Assert.Contains(lines, line => line.StartsWith("\"passed\": true", StringComparison.Ordinal));
        Assert.Equal(4, lines.Count(line => Regex.IsMatch(line, @"^""(excellent|good|fair|poor)"": \d+,?$")));

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

    [Fact]
    public async Task Roll_back_013_asks_for_confirmation_is_refused_with_the_orphan_count_and_deletes_them_once_that_count_is_typed()
    {
        await using var session = await OpenDashboardAsync();
        var (page, dashboard) = (session.Page, session.Url);
        await page.GotoAsync(session.Login);
        await page.GotoAsync($"{dashboard}/");

        await RunCommandAsync(page, "migrator", "Roll back 013");
        await Expect(page.GetByText("Roll back migration 013 and every migration after it", new() { Exact = false })).ToBeVisibleAsync();
        await Button(page, "Yes").ClickAsync();

        // Refused: the answer opens by itself with the orphan count as a field ...
        var refused = page.GetByRole(AriaRole.Region, new() { Name = "Text content" });
        await Expect(refused).ToContainTextAsync("\"kind\": \"OrphansExist\"", new() { Timeout = 60_000 });
        await Expect(refused).ToContainTextAsync("\"orphans\": 1020,");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // ... and the notification names the count and what to do with it: read where it stays, in the notification
        // center, since its toast lasts only seconds (on a loaded machine, CI, it went before it was seen).
        await page.GetByRole(AriaRole.Button, new() { Name = "Notifications" }).ClickAsync();
        var notifications = page.Locator("#NotificationsDialog");
        await Expect(notifications.Locator(".notification-entry-content").First)
            .ToHaveTextAsync(new Regex(@"1020 orphan score rows have no pattern_lineage_nodes row.*confirm 1020\."));
        await notifications.GetByRole(AriaRole.Button, new() { Name = "Close" }).First.ClickAsync();
        await Expect(notifications).ToBeHiddenAsync();

        await RunCommandAsync(page, "migrator", "Roll back 013, deleting orphans");
        await Button(page, "Yes").ClickAsync();
        await page.Locator("fluent-text-input[inputmode='numeric']:visible").ClickAsync();
        await page.Keyboard.TypeAsync("1020");
        await Button(page, "Roll back 013, deleting orphans").ClickAsync();

        var answer = page.GetByRole(AriaRole.Region, new() { Name = "Text content" });
        await Expect(answer).ToContainTextAsync("\"deletedOrphans\": 1020", new() { Timeout = 60_000 });
        await Expect(answer).ToContainTextAsync("\"name\": \"drop_pattern_quality_metrics_fk\"");
    }

    /// <summary>The built AppHost on this test's folder, every resource ready, and a Chromium page (not logged in yet).</summary>
    private async Task<DashboardSession> OpenDashboardAsync()
    {
        var appHost = AppHostProcess.Start(dataDirectory, ours);
        await appHost.WaitForLineAsync("every resource is ready, ", TimeSpan.FromMinutes(3));
        var login = LoginLink().Match(appHost.Output).Value;
        Assert.NotEmpty(login);
        var playwright = await Playwright.CreateAsync();
        var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1400 } });
        return new DashboardSession(appHost, playwright, browser, page, login);
    }

    private sealed class DashboardSession(AppHostProcess appHost, IPlaywright playwright, IBrowser browser, IPage page, string login) : IAsyncDisposable
    {
        public IPage Page => page;

        /// <summary>The printed link, with its token.</summary>
        public string Login => login;

        public string Url { get; } = new Uri(login).GetLeftPart(UriPartial.Authority);

        public async ValueTask DisposeAsync()
        {
            await browser.DisposeAsync();
            playwright.Dispose();
            appHost.Dispose();
        }
    }

    /// <summary>Opens the resource's menu, then Commands, then the command.</summary>
    private static async Task RunCommandAsync(IPage page, string resource, string command)
    {
        var row = page.Locator("tr", new() { Has = page.GetByText(resource, new() { Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { Name = "Actions" }).ClickAsync(new LocatorClickOptions { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Commands" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = command, Exact = true }).ClickAsync();
    }

    /// <summary>A dialog's button by its text (Fluent buttons carry no accessible name the role query sees).</summary>
    private static ILocator Button(IPage page, string text) =>
        page.Locator("fluent-button:visible").Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(text)}\s*$") });

    /// <summary>
    /// The titles below each batch whose rows are all on the page: the grid renders only the rows near its view, so a
    /// batch counts once a row after it is back at its depth or above.
    /// </summary>
    private static List<List<string>> BatchChildren(List<(string Title, double Indent)> rows) =>
        rows.Select((row, index) => (row, index))
            .Where(r => r.row.Title == "backfill: backfill batch" && rows.Skip(r.index + 1).Any(after => after.Indent <= r.row.Indent))
            .Select(r => rows.Skip(r.index + 1).TakeWhile(row => row.Indent > r.row.Indent).Select(row => row.Title).ToList())
            .ToList();

    private static bool BatchesCallBoth(List<(string Title, double Indent)> rows) =>
        BatchChildren(rows) is { Count: >= 2 } batches && batches.All(children =>
            children.Any(title => title.StartsWith("qdrant: ", StringComparison.Ordinal)) && children.Any(title => title.StartsWith(PostgresCall, StringComparison.Ordinal)));

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
