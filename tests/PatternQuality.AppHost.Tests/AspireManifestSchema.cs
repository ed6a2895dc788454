using System.Text.Json.Nodes;
using NJsonSchema;

namespace PatternQuality.AppHost.Tests;

/// <summary>shared/aspire/aspire-8.0.json, for NJsonSchema.</summary>
internal static class AspireManifestSchema
{
    public static async Task<JsonSchema> LoadAsync()
    {
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Repository.SharedDocument("aspire/aspire-8.0.json", "the Aspire manifest schema"), TestContext.Current.CancellationToken))!;
        RewriteForNJsonSchema(document);
        return await JsonSchema.FromJsonAsync(document.ToJsonString(), TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Two draft-07 forms NJsonSchema does not read, rewritten to their equivalents: a property schema
    /// that is <c>true</c>/<c>false</c> (the schema has <c>"build": false</c>) becomes <c>{}</c>/<c>{"not": {}}</c>;
    /// <c>"const": x</c>, which it ignores (so every resource type would match), becomes <c>"enum": [x]</c>.
    /// </summary>
    private static void RewriteForNJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } constant)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant.DeepClone());
                }

                if (obj["properties"] is JsonObject properties)
                {
                    foreach (var name in properties.Select(p => p.Key).ToList())
                    {
                        if (properties[name] is JsonValue value && value.TryGetValue<bool>(out var allowed))
                        {
                            properties[name] = allowed ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() };
                        }
                    }
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    RewriteForNJsonSchema(child);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteForNJsonSchema(item);
                }

                break;
        }
    }
}
