using Npgsql;

namespace PatternQuality.Backfill.Runs.Destinations;

/// <summary>
/// The database a run stores its scores in, and whether its schema still ties each score to a lineage node (before
/// migration 013), which rejects the scores of patterns that have none.
/// </summary>
public sealed record ScoreDatabase(NpgsqlDataSource DataSource, bool LineageRequired);
