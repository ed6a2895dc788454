using System.Text.Json;
using PatternQuality.Backfill.Demo;
using Qdrant.Client.Grpc;

namespace PatternQuality.Backfill.Tests.Demo;

public sealed class DemoPointsTests
{
    [Fact]
    public void Each_points_grpc_payload_is_its_json_payload_as_text_reads_it()
    {
        var points = DemoDataset.Generate(3000, 0, seed: 42).ToList();
        var wholeDoubles = 0;

        foreach (var (point, message) in points.Zip(DemoPoints.ToPointStructs(points)))
        {
            using var text = JsonDocument.Parse(point.Payload.ToJsonString());
            Assert.Equal(text.RootElement.EnumerateObject().Select(p => p.Name).Order(), message.Payload.Keys.Order());
            foreach (var property in text.RootElement.EnumerateObject())
            {
                AssertSame(property.Value, message.Payload[property.Name], $"point {point.Id}, field {property.Name}");
            }

            wholeDoubles += point.Payload.Any(p => p.Value?.GetValueKind() == JsonValueKind.Number && p.Value.GetValue<object>() is double d && double.IsInteger(d)) ? 1 : 0;
        }

        // The case the conversion must get right: a double such as a confidence of 1.0 is the integer 1 in JSON text.
        Assert.True(wholeDoubles > 0, "the sample holds no whole-number double, so it does not test that case");
    }

    [Fact]
    public void Points_are_split_between_the_collections_as_their_sizes_say()
    {
        var points = DemoDataset.Generate(1085, 0, seed: 42).ToList();

        Assert.Equal(DemoDataset.CollectionSizes(1085), points.GroupBy(p => p.Collection).Select(g => (g.Key, g.Count())).ToList());
        Assert.Equal([("code_patterns", 1065), ("execution_patterns", 20)], DemoDataset.CollectionSizes(1085));
    }

    [Fact]
    public void Each_points_nearest_neighbour_is_of_its_family_and_the_vectors_are_the_same_for_the_same_seed()
    {
        var points = DemoDataset.Generate(1085, 0, seed: 42).ToList();
        var again = DemoDataset.Generate(1085, 0, seed: 42).ToList();
        string Family(DemoPoint point) => point.Payload["pattern_name"]!.GetValue<string>()[..4];

        var sameFamily = new List<double>();
        var otherFamily = new List<double>();
        foreach (var (a, i) in points.Take(200).Select((p, i) => (p, i)))
        {
            foreach (var b in points.Skip(i + 1).Take(200))
            {
                (Family(a) == Family(b) ? sameFamily : otherFamily).Add(Cosine(a.Vector, b.Vector));
            }
        }

        var strays = points.Take(200).Count(a => Family(points.Where(b => b != a).MaxBy(b => Cosine(a.Vector, b.Vector))!) != Family(a));
        Assert.True(strays == 0, $"{strays} of 200 points have a nearest neighbour of another family");
        Assert.True(sameFamily.Average() > otherFamily.Average() + 0.5, $"{sameFamily.Average():0.000} within a family, {otherFamily.Average():0.000} across");
        Assert.Equal(points.Select(p => p.Vector), again.Select(p => p.Vector));
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            (dot, na, nb) = (dot + a[i] * b[i], na + a[i] * a[i], nb + b[i] * b[i]);
        }

        return dot / Math.Sqrt(na * nb);
    }

    private static void AssertSame(JsonElement expected, Value actual, string where)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.String:
                Assert.True(actual.StringValue == expected.GetString(), where);
                break;
            case JsonValueKind.Number when expected.TryGetInt64(out var integer):
                Assert.True(actual.KindCase == Value.KindOneofCase.IntegerValue && actual.IntegerValue == integer, $"{where}: {expected} became {actual}");
                break;
            case JsonValueKind.Number:
                Assert.True(actual.KindCase == Value.KindOneofCase.DoubleValue && actual.DoubleValue == expected.GetDouble(), $"{where}: {expected} became {actual}");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.True(actual.KindCase == Value.KindOneofCase.BoolValue && actual.BoolValue == expected.GetBoolean(), where);
                break;
            case JsonValueKind.Object:
                Assert.Equal(expected.EnumerateObject().Select(p => p.Name).Order(), actual.StructValue.Fields.Keys.Order());
                foreach (var property in expected.EnumerateObject())
                {
                    AssertSame(property.Value, actual.StructValue.Fields[property.Name], $"{where}.{property.Name}");
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.ListValue.Values.Count);
                foreach (var (item, value) in expected.EnumerateArray().Zip(actual.ListValue.Values))
                {
                    AssertSame(item, value, $"{where}[]");
                }

                break;
            default:
                Assert.Equal(Value.KindOneofCase.NullValue, actual.KindCase);
                break;
        }
    }
}
