using System.Text.Json;
using System.Text.Json.Serialization;

namespace PatternQuality.Contracts.Answers;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ToolAnswer))]
internal sealed partial class AnswerJsonContext : JsonSerializerContext;
