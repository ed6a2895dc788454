using System.Globalization;
using System.Text.Encodings.Web;

namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>The dashboard's page frame, text encoding and formats. Every value from outside goes through <see cref="E"/>.</summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Url(string? text) => UrlEncoder.Default.Encode(text ?? "");

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0} µs"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.00} s"),
    };

    /// <summary>A whole page; live pages re-read their main part whenever the server says something changed.</summary>
    public static string Page(string title, string active, string main, bool live) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>{{E(title)}} · PatternQuality dashboard</title>
        <style>{{Style}}</style>
        </head>
        <body>
        <header><strong>PatternQuality</strong>
        <nav>{{Nav("/", "Resources", active)}}{{Nav("/console", "Console", active)}}{{Nav("/structuredlogs", "Structured logs", active)}}{{Nav("/traces", "Traces", active)}}{{Nav("/metrics", "Metrics", active)}}</nav>
        </header>
        <main id="main" data-live="{{(live ? "true" : "false")}}">{{main}}</main>
        {{(live ? LiveScript : "")}}
        </body>
        </html>
        """;

    private static string Nav(string href, string text, string active) =>
        $"<a href=\"{href}\"{(href == active ? " class=\"active\"" : "")}>{text}</a>";

    // Server-sent events say "something changed"; the page then fetches its own main part again.
    private const string LiveScript = """
        <script>
        (() => {
          const main = document.getElementById('main');
          let busy = false, again = false;
          async function refresh() {
            if (busy) { again = true; return; }
            busy = true;
            try {
              const response = await fetch(location.href, { headers: { 'X-Fragment': '1' } });
              if (response.ok) {
                const follow = window.innerHeight + window.scrollY >= document.body.scrollHeight - 4;
                main.innerHTML = await response.text();
                if (follow && document.getElementById('console')) window.scrollTo(0, document.body.scrollHeight);
              }
            } finally { busy = false; if (again) { again = false; refresh(); } }
          }
          new EventSource('/events').onmessage = refresh;
        })();
        </script>
        """;

    private const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1b1b1f; }
        header { display: flex; gap: 2em; align-items: center; padding: .6em 1.2em; background: #512bd4; color: white; }
        nav a { color: #e6dcff; margin-right: 1.2em; text-decoration: none; } nav a.active { color: white; font-weight: 600; }
        main { padding: 1em 1.2em; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid #e4e4ea; vertical-align: top; }
        th { background: #f4f4f8; font-weight: 600; }
        .state-Running { color: #107c10; } .state-FailedToStart, .state-Exited, .error { color: #c50f1f; } .state-Finished { color: #555; } .state-Waiting, .state-Starting { color: #8a6d00; }
        pre.console { background: #111; color: #ddd; padding: .8em; overflow-x: auto; } pre.console .err { color: #ff8c8c; }
        form.inline { display: inline; } button { cursor: pointer; }
        .filters { margin-bottom: 1em; display: flex; gap: .6em; }
        .span-row { content-visibility: auto; contain-intrinsic-size: auto 1.6em; }
        .span-row summary { display: grid; grid-template-columns: 28em 1fr 7em; gap: .6em; cursor: pointer; list-style: none; padding: .15em 0; }
        .span-row .label { padding-left: calc(var(--depth) * 1.1em); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .span-row .service { color: #512bd4; margin-right: .4em; }
        .track { position: relative; background: #f1f1f5; height: 1.1em; } .bar { position: absolute; top: 0; bottom: 0; background: #7a5af0; min-width: 2px; }
        .span-row.error .bar { background: #c50f1f; }
        .attrs { margin: .3em 0 .6em calc(var(--depth) * 1.1em + 1em); width: auto; font-size: 13px; }
        """;
}
