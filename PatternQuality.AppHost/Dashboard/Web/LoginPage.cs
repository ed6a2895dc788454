namespace PatternQuality.AppHost.Dashboard.Web;

/// <summary>What an unauthenticated browser sees: the one page that asks for the token.</summary>
internal static class LoginPage
{
    public static string Render(bool wrongToken) => $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Log in · PatternQuality dashboard</title>
        <style>body { font: 15px system-ui, sans-serif; max-width: 32em; margin: 4em auto; } input { width: 100%; padding: .4em; }</style></head>
        <body>
        <h1>PatternQuality dashboard</h1>
        <p>Open the login link the AppHost printed when it started, or paste its token.</p>
        {{(wrongToken ? "<p id=\"wrong-token\" style=\"color:#c50f1f\">That token does not match this AppHost's.</p>" : "")}}
        <form method="get" action="/login"><input id="token" name="t" type="password" autocomplete="off" placeholder="browser token" autofocus>
        <p><button>Log in</button></p></form>
        </body></html>
        """;
}
