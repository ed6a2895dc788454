using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace PatternQuality.LocalQdrant.Tests;

/// <summary>
/// The component schemas of Qdrant's own OpenAPI document (shared/qdrant/openapi.json), as
/// JSON Schemas: OpenAPI 3.0's <c>nullable</c> becomes a "null" type and component references
/// become definitions.
/// </summary>
public static class QdrantOpenApi
{
    private static readonly Lazy<JsonObject> Components = new(LoadComponents);
    private static readonly Dictionary<string, JsonSchema> Cache = [];

    /// <summary>Validation errors of <paramref name="json"/> against component schema <paramref name="name"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string name, JsonElement json)
    {
        JsonSchema schema;
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out schema!))
            {
                var document = new JsonObject
                {
                    // allOf rather than a bare root $ref, which NJsonSchema fails to resolve for some names.
                    ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = $"#/definitions/{name}" }),
                    ["definitions"] = Components.Value.DeepClone(),
                };
                schema = Cache[name] = JsonSchema.FromJsonAsync(document.ToJsonString()).GetAwaiter().GetResult();
            }
        }

        return schema.Validate(json.GetRawText()).Select(error => error.ToString()).ToList();
    }

    private static JsonObject LoadComponents()
    {
        var path = Repository.SharedDocument("qdrant/openapi.json", "Qdrant's OpenAPI document");

        var schemas = JsonNode.Parse(File.ReadAllText(path))!["components"]!["schemas"]!.AsObject();
        return new JsonObject(schemas.Select(entry => KeyValuePair.Create(entry.Key, Convert(entry.Value))));
    }

    private static JsonNode? Convert(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value!.GetValue<string>().StartsWith("#/components/schemas/", StringComparison.Ordinal))
                    {
                        result[key] = value.GetValue<string>().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                    }
                    else if (key is "properties" or "definitions" && value is JsonObject map)
                    {
                        // A map of names to schemas: its keys are names, not keywords.
                        result[key] = new JsonObject(map.Select(entry => KeyValuePair.Create(entry.Key, Convert(entry.Value))));
                    }
                    else if (key is not ("nullable" or "example" or "format"))
                    {
                        result[key] = Convert(value);
                    }
                }

                if (obj["nullable"]?.GetValue<bool>() == true)
                {
                    result["type"] = result["type"] is JsonValue type ? new JsonArray(type.GetValue<string>(), "null") : "null";
                }

                return result;
            case JsonArray array:
                return new JsonArray(array.Select(Convert).ToArray());
            default:
                return node?.DeepClone();
        }
    }
}
