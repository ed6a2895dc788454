// The backfill (scorer, Qdrant client, resumable run) is built under issue 3.
Console.Error.WriteLine("error: PatternQuality.Backfill is not built yet (see the open issues)");
return 2;
