namespace Luoshi.Data.Jobs;

/// <summary>
/// The ledger of scheduled work done: one row per job and China date, claimed in the same transaction as what the job
/// wrote, so running a day twice (the CLI, a second instance, a misfire caught up) sends nothing twice.
/// </summary>
public sealed class JobRun
{
    public const int MaxJobLength = 50;
    public const int MaxSummaryLength = 500;

    public long Id { get; set; }

    /// <summary>Which step of the daily jobs (<c>reminders</c>).</summary>
    public required string Job { get; set; }

    /// <summary>The China date the job ran as of.</summary>
    public DateOnly Date { get; set; }

    public DateTime RanAt { get; set; }

    /// <summary>What it did, in Chinese (for operators).</summary>
    public string Summary { get; set; } = "";
}
