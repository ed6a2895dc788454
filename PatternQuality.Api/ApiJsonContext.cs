using System.Text.Json;
using System.Text.Json.Serialization;
using PatternQuality.Api.Coverage;
using PatternQuality.Api.Lookup;
using PatternQuality.Api.Quality;
using PatternQuality.Api.Runs;
using PatternQuality.Api.Schema;

namespace PatternQuality.Api;

/// <summary>Serialisers generated at build time for every response, in snake_case: no reflection per request.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PatternQualityView))]
[JsonSerializable(typeof(QualityPage))]
[JsonSerializable(typeof(DistributionReport))]
[JsonSerializable(typeof(BackfillRunView))]
[JsonSerializable(typeof(IReadOnlyList<BackfillRunView>))]
[JsonSerializable(typeof(SchemaState))]
[JsonSerializable(typeof(CoverageView))]
[JsonSerializable(typeof(LookupAnswer))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
