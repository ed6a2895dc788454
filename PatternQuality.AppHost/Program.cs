// The app model and its engine are built under issue 5. Until then, run the services directly
// (see README.md).
Console.Error.WriteLine("error: PatternQuality.AppHost is not built yet (see the open issues)");
return 2;
