using System.Text.Json;
using Google.Protobuf.Collections;
using PatternQuality.Backfill.Scoring;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Qdrant;

/// <summary>The payload fields the mapping rules read, from a gRPC payload, reduced as <see cref="PayloadFields.From"/> reduces JSON.</summary>
public static class ProtoPayloadFields
{
    public static PayloadFields From(MapField<string, Value> payload)
    {
        var fields = new PayloadFields();
        foreach (var (name, value) in payload)
        {
            switch (name)
            {
                case "pattern_name": fields.PatternName = Scalar(value); break;
                case "code": fields.Code = Scalar(value); break;
                case "content_preview": fields.ContentPreview = Scalar(value); break;
                case "text": fields.Text = Scalar(value); break;
                case "description": fields.Description = Scalar(value); break;
                case "node_type": fields.NodeType = Scalar(value); break;
                case "confidence": fields.Confidence = Scalar(value); break;
                case "pattern_confidence": fields.PatternConfidence = Scalar(value); break;
                case "node_types":
                    fields.NodeTypesKind = KindOf(value);
                    fields.FirstNodeType = value.KindCase == Value.KindOneofCase.ListValue && value.ListValue.Values.Count > 0
                        ? Scalar(value.ListValue.Values[0])
                        : FieldValue.Absent;
                    break;
                case "metadata":
                    fields.MetadataKind = KindOf(value);
                    fields.MetadataKeyCount = value.KindCase == Value.KindOneofCase.StructValue ? value.StructValue.Fields.Count : 0;
                    fields.DeclaredComplexity = value.KindCase == Value.KindOneofCase.StructValue
                        && value.StructValue.Fields.TryGetValue("complexity", out var complexity) && complexity.KindCase == Value.KindOneofCase.StringValue
                            ? complexity.StringValue
                            : null;
                    break;
                case "use_cases":
                    fields.UseCasesKind = KindOf(value);
                    fields.UseCaseCount = value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values.Count : 0;
                    break;
                case "examples":
                    fields.ExamplesKind = KindOf(value);
                    fields.ExampleCount = value.KindCase == Value.KindOneofCase.ListValue ? value.ListValue.Values.Count : 0;
                    break;
            }
        }

        return fields;
    }

    private static FieldValue Scalar(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => new FieldValue(JsonValueKind.String, value.StringValue),
        Value.KindOneofCase.IntegerValue => new FieldValue(JsonValueKind.Number, Number: value.IntegerValue),
        Value.KindOneofCase.DoubleValue when double.IsFinite(value.DoubleValue) => new FieldValue(JsonValueKind.Number, Number: value.DoubleValue),
        Value.KindOneofCase.DoubleValue => new FieldValue(JsonValueKind.Number, NumberFits: false),
        _ => new FieldValue(KindOf(value)),
    };

    private static JsonValueKind KindOf(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => JsonValueKind.String,
        Value.KindOneofCase.IntegerValue or Value.KindOneofCase.DoubleValue => JsonValueKind.Number,
        Value.KindOneofCase.BoolValue => value.BoolValue ? JsonValueKind.True : JsonValueKind.False,
        Value.KindOneofCase.StructValue => JsonValueKind.Object,
        Value.KindOneofCase.ListValue => JsonValueKind.Array,
        Value.KindOneofCase.NullValue => JsonValueKind.Null,
        _ => JsonValueKind.Undefined,
    };
}
