namespace OrleansCron.Bench.Plans;

/// <summary>How the schedules of a cohort are laid out in time.</summary>
public enum CohortKind
{
    /// <summary>Interval schedules whose phases are spread evenly over the period.</summary>
    Spread,

    /// <summary>Cron <c>*/S * * * * *</c>: every schedule due on the same seconds.</summary>
    Aligned,

    /// <summary>One-off schedules all due at the anchor.</summary>
    Once,
}
