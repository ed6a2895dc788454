using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace PatternQuality.AppHost.Tests;

/// <summary>
/// The two stand-in images of deploy/images/build.sh run as `docker run` runs them, held to the part of the official
/// images' contracts that Aspire and the compose file rely on.
/// </summary>
public sealed class ImageContractTests
{
    [Fact]
    public async Task The_postgres_image_honours_the_official_variables_answers_pg_isready_and_shuts_down_cleanly_on_SIGTERM()
    {
        var image = (await LocalImages.SettingsAsync())["POSTGRES_IMAGE"];
        await using var container = await Container.RunAsync(image, 5432, "/var/lib/postgresql",
            "-e", "POSTGRES_USER=operator", "-e", "POSTGRES_PASSWORD=Contract-Pw-3e1", "-e", "POSTGRES_DB=scores",
            "-e", "POSTGRES_INITDB_ARGS=--data-checksums");
        await Eventually.AssertAsync(async () => (await LocalImages.DockerAsync("exec", container.Id, "pg_isready", "-U", "operator", "-d", "scores")).ExitCode == 0,
            "pg_isready answering", TimeSpan.FromMinutes(1));

        var database = new TestDatabase(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = container.Port, Username = "operator", Password = "Contract-Pw-3e1", Database = "scores" });
        Assert.Equal("operator", await database.ScalarAsync<string>("SELECT current_user"));
        Assert.Equal("on", await database.ScalarAsync<string>("SHOW data_checksums"));
        Assert.Equal("scram-sha-256", await database.ScalarAsync<string>("SELECT auth_method FROM pg_hba_file_rules WHERE type = 'host' ORDER BY line_number DESC LIMIT 1"));
        var wrong = new TestDatabase(new NpgsqlConnectionStringBuilder(database.ConnectionString.ConnectionString) { Password = "not-it" });
        Assert.Equal("28P01", Assert.IsType<PostgresException>(await Record.ExceptionAsync(() => wrong.ScalarAsync<int>("SELECT 1"))).SqlState);

        var stop = await LocalImages.DockerAsync("stop", "-t", "30", container.Id);
        Assert.Equal(0, stop.ExitCode);
        Assert.Equal("0", (await LocalImages.DockerAsync("inspect", "-f", "{{.State.ExitCode}}", container.Id)).StandardOutput.Trim());
        Assert.Contains("database system is shut down", (await LocalImages.DockerAsync("logs", container.Id)).StandardError);

        var labels = await LabelsAsync(image);
        Assert.Contains("stand-in for the official postgres image, not it", labels.GetProperty("org.opencontainers.image.description").GetString());
        Assert.StartsWith("15.", labels.GetProperty("org.opencontainers.image.version").GetString());
    }

    [Fact]
    public async Task The_localqdrant_image_serves_REST_with_Qdrant_s_keys_readyz_and_keeps_its_storage_volume()
    {
        var image = (await LocalImages.SettingsAsync())["QDRANT_IMAGE"];
        await using var container = await Container.RunAsync(image, 6333, "/qdrant/storage",
            "-e", "QDRANT__SERVICE__API_KEY=admin-key-7", "-e", "QDRANT__SERVICE__READ_ONLY_API_KEY=reader-key-7");
        using var anonymous = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{container.Port}/") };
        await Eventually.AssertAsync(async () =>
        {
            try { return (await anonymous.GetAsync("readyz", TestContext.Current.CancellationToken)).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, "/readyz answering", TimeSpan.FromMinutes(1));

        var create = await Send(container.Port, "admin-key-7", HttpMethod.Put, "collections/kept", """{"vectors": {"size": 2, "distance": "Cosine"}}""");
        var write = await Send(container.Port, "reader-key-7", HttpMethod.Put, "collections/kept/points", """{"points": [{"id": 1, "vector": [1, 0]}]}""");
        var unkeyed = await anonymous.GetAsync("collections", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, create);
        Assert.Equal(HttpStatusCode.Forbidden, write);
        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);

        Assert.Equal(0, (await LocalImages.DockerAsync("restart", container.Id)).ExitCode);
        var port = await container.PublishedPortAsync();
        await Eventually.AssertAsync(async () =>
        {
            try { return await Send(port, "reader-key-7", HttpMethod.Get, "collections/kept", null) == HttpStatusCode.OK; }
            catch (HttpRequestException) { return false; }
        }, "the collection back after a restart, from /qdrant/storage", TimeSpan.FromMinutes(1));
        Assert.Equal("qdrant/qdrant", (await LabelsAsync(image)).GetProperty("com.patternquality.stand-in-for").GetString());
    }

    private static async Task<HttpStatusCode> Send(int port, string key, HttpMethod method, string path, string? json)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        using var request = new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("api-key", key);
        return (await client.SendAsync(request, TestContext.Current.CancellationToken)).StatusCode;
    }

    private static async Task<JsonElement> LabelsAsync(string image) =>
        JsonDocument.Parse((await LocalImages.DockerAsync("image", "inspect", "-f", "{{json .Config.Labels}}", image)).StandardOutput).RootElement.Clone();

    /// <summary>`docker run -d` of an image with one port published on 127.0.0.1 and a fresh volume, removed with it at the end.</summary>
    private sealed class Container(string id, string volume, int containerPort) : IAsyncDisposable
    {
        public string Id => id;

        public int Port { get; private set; }

        public static async Task<Container> RunAsync(string image, int containerPort, string mount, params string[] options)
        {
            var volume = $"pqtest-{Guid.NewGuid():N}"[..15];
            var run = await LocalImages.DockerAsync(["run", "-d", "-p", $"127.0.0.1::{containerPort}", "-v", $"{volume}:{mount}", .. options, image]);
            Assert.True(run.ExitCode == 0, run.ToString());
            var container = new Container(run.StandardOutput.Trim(), volume, containerPort);
            await container.PublishedPortAsync();
            return container;
        }

        public async Task<int> PublishedPortAsync()
        {
            var port = await LocalImages.DockerAsync("port", id, $"{containerPort}/tcp");
            Assert.True(port.ExitCode == 0, port.ToString());
            Port = int.Parse(port.StandardOutput.Trim().Split('\n')[0].Split(':').Last());
            return Port;
        }

        public async ValueTask DisposeAsync()
        {
            await LocalImages.DockerAsync("rm", "-f", id);
            await LocalImages.DockerAsync("volume", "rm", "-f", volume);
        }
    }
}
