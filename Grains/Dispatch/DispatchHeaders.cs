namespace OrleansCron.Dispatch;

/// <summary>The headers every attempt carries. They override a target's headers of the same name, so a
/// receiver can trust them (the idempotency key above all).</summary>
internal static class DispatchHeaders
{
    public const string IdempotencyKey = "Idempotency-Key";
    public const string ScheduleId = "OrleansCron-Schedule-Id";
    public const string RunId = "OrleansCron-Run-Id";
    public const string Occurrence = "OrleansCron-Occurrence";
    public const string ScheduledAt = "OrleansCron-Scheduled-At";
    public const string Attempt = "OrleansCron-Attempt";
    public const string UserAgent = "User-Agent";

    public static bool IsReserved(string name) =>
        name.Equals(IdempotencyKey, StringComparison.OrdinalIgnoreCase)
        || name.Equals(ScheduleId, StringComparison.OrdinalIgnoreCase)
        || name.Equals(RunId, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Occurrence, StringComparison.OrdinalIgnoreCase)
        || name.Equals(ScheduledAt, StringComparison.OrdinalIgnoreCase)
        || name.Equals(Attempt, StringComparison.OrdinalIgnoreCase)
        || name.Equals(UserAgent, StringComparison.OrdinalIgnoreCase);
}
