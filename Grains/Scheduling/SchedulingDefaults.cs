namespace OrleansCron.Scheduling;

internal static class SchedulingDefaults
{
    public static readonly TimeSpan ClaimLead = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan MaxClaimLead = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(30);
    public const int FireAllCap = 100;
    public const int MaxMissedRecorded = 1_000;
    public const int MaxInterruptedRefires = 3;
    public static readonly TimeSpan CompletionDelay = TimeSpan.FromSeconds(5);
    public const int CompletionRate = 500;
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan StartupSweepHorizon = TimeSpan.FromMinutes(2);

    /// <summary>What a wake sweep adds to the reminder period: the reminder service's start-up and a claim's lead.</summary>
    public static readonly TimeSpan ReminderStartup = TimeSpan.FromMinutes(2);
}
