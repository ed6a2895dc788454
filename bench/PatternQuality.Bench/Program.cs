using System.Globalization;
using PatternQuality.Bench;

// dotnet run -c Release --project bench/PatternQuality.Bench -- scorer [N]
// dotnet run -c Release --project bench/PatternQuality.Bench -- backfill [N,N,...] [batch size]
// dotnet run -c Release --project bench/PatternQuality.Bench -- coverage [N]
// dotnet run -c Release --project bench/PatternQuality.Bench -- lookup [N]
// dotnet run -c Release --project bench/PatternQuality.Bench -- api [N] [connections]   (needs wrk: apt-get install wrk)
// dotnet run -c Release --project bench/PatternQuality.Bench -- apphost [warm runs] [local]   (the local form, then the container form)
// dotnet run -c Release --project bench/PatternQuality.Bench -- localqdrant [N] [batch size]
// dotnet run -c Release --project bench/PatternQuality.Bench -- images                (removes our images, builds twice)
// dotnet run -c Release --project bench/PatternQuality.Bench -- compose
const string Usage = "usage: PatternQuality.Bench [scorer [N] | backfill [N,N,...] [batch size] | coverage [N] | lookup [N] | api [N] [connections] | apphost [warm runs] [local] | localqdrant [N] [batch size] | images | compose | all]";
var command = args.FirstOrDefault() ?? "all";
switch (command)
{
    case "--help" or "-h" or "-?":
        Console.WriteLine(Usage);
        break;
    case "scorer":
        await ScorerBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
        break;
    case "backfill":
        var sizes = (args.Length > 1 ? args[1] : "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        await BackfillBenchmark.RunAsync(sizes, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
        break;
    case "coverage":
        await CoverageBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
        break;
    case "lookup":
        await LookupBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
        break;
    case "api":
        await ApiBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4);
        break;
    case "apphost":
        await AppHostBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5, args.Length > 2 ? args[2] : "both");
        break;
    case "localqdrant":
        await LocalQdrantWriteBenchmark.RunAsync(
            args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000,
            args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000);
        break;
    case "images":
        await ContainerBenchmark.ImagesAsync();
        break;
    case "compose":
        await ContainerBenchmark.ComposeAsync();
        break;
    case "all":
        await ScorerBenchmark.RunAsync(100_000);
        await BackfillBenchmark.RunAsync([100_000, 1_000_000], 1000);
        await ApiBenchmark.RunAsync(1_000_000);
        await ContainerBenchmark.ImagesAsync();
        await AppHostBenchmark.RunAsync(5);
        await ContainerBenchmark.ComposeAsync();
        break;
    default:
        Console.Error.WriteLine($"error: {Usage}");
        return 2;
}

return 0;
