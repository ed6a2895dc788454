using System.Text.Json.Nodes;

namespace PatternQuality.AppHost.Tests;

/// <summary>deploy/ holds what the model publishes today, so staging never deploys a stale copy.</summary>
public sealed class DeployFolderTests
{
    [Theory]
    [InlineData("manifest", "aspire-manifest.json")]
    [InlineData("compose", "docker-compose.yaml")]
    [InlineData("kubernetes", "kubernetes.yaml")]
    [InlineData("kustomization", "kustomization.yaml")]
    public async Task The_committed_file_is_what_the_model_publishes(string publisher, string file)
    {
        var deploy = Path.Combine(Repository.Root, "deploy");
        var committed = await File.ReadAllTextAsync(Path.Combine(deploy, file), TestContext.Current.CancellationToken);

        // Published into a sibling of deploy/, so the manifest's relative project paths match.
        var beside = Path.Combine(Repository.Root, $".deploy-check-{Guid.NewGuid():N}");
        string published;
        try
        {
            published = await Published.TextAsync(publisher, beside);
        }
        finally
        {
            Directory.Delete(beside, recursive: true);
        }

        Assert.True(committed == published,
            $"deploy/{file} is stale: regenerate it with `dotnet run --project PatternQuality.AppHost -- {string.Join(' ', Published.Publishers[publisher].Arguments).Replace("{0}", "../deploy")}` (Aspire resolves the output path from the AppHost's folder)");
        if (publisher == "manifest")
        {
            Assert.NotNull(JsonNode.Parse(committed)!["resources"]!["api"]);
        }
    }
}
