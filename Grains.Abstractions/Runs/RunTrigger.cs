namespace OrleansCron.Runs;

/// <summary>What started a run.</summary>
public enum RunTrigger
{
    /// <summary>The schedule's own instant.</summary>
    Schedule = 1,
    /// <summary>A user's trigger-now request.</summary>
    Manual = 2,
    /// <summary>An instant missed while down, fired late by the misfire policy.</summary>
    CatchUp = 3,
}
