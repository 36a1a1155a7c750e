using System.Diagnostics.CodeAnalysis;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>Checks the parts of a spec that govern firing rather than timing: overlap, misfire and retry.</summary>
internal static class SchedulePolicyValidator
{
    /// <summary>A day: retries further apart than this are better served by the schedule itself.</summary>
    public const double MaxRetryDelaySeconds = 86_400;

    /// <summary>True when every policy field is in range; otherwise names the first bad field (snake_case JSON name).</summary>
    public static bool TryValidate(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!Enum.IsDefined(spec.Overlap))
        {
            return ValidationOutcome.Fail("overlap", "overlap is not a known overlap policy.", out field, out error);
        }

        if (!Enum.IsDefined(spec.Misfire))
        {
            return ValidationOutcome.Fail("misfire", "misfire is not a known misfire policy.", out field, out error);
        }

        if (spec.MisfireGraceSeconds is < 0 or > ScheduleLimits.MaxMisfireGraceSeconds)
        {
            return ValidationOutcome.Fail("misfire_grace_seconds", $"misfire_grace_seconds must be between 0 and {ScheduleLimits.MaxMisfireGraceSeconds} (thirty days).", out field, out error);
        }

        return TryValidateRetry(spec.Retry, out field, out error);
    }

    private static bool TryValidateRetry(RetryPolicy? retry, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        if (retry is null)
        {
            return ValidationOutcome.Fail("retry", "retry is required.", out field, out error);
        }

        if (retry.MaxAttempts is < 1 or > ScheduleLimits.MaxAttempts)
        {
            return ValidationOutcome.Fail("retry.max_attempts", $"retry.max_attempts must be between 1 and {ScheduleLimits.MaxAttempts}.", out field, out error);
        }

        if (!InRange(retry.MaxDelaySeconds, 0, MaxRetryDelaySeconds))
        {
            return ValidationOutcome.Fail("retry.max_delay_seconds", $"retry.max_delay_seconds must be between 0 and {MaxRetryDelaySeconds} (a day).", out field, out error);
        }

        if (!InRange(retry.InitialDelaySeconds, 0, retry.MaxDelaySeconds))
        {
            return ValidationOutcome.Fail("retry.initial_delay_seconds", "retry.initial_delay_seconds must be between 0 and retry.max_delay_seconds.", out field, out error);
        }

        if (!InRange(retry.Multiplier, 1, 100))
        {
            return ValidationOutcome.Fail("retry.multiplier", "retry.multiplier must be between 1 and 100.", out field, out error);
        }

        return InRange(retry.Jitter, 0, 1)
            ? ValidationOutcome.Ok(out field, out error)
            : ValidationOutcome.Fail("retry.jitter", "retry.jitter must be between 0 and 1.", out field, out error);
    }

    // Written so that NaN is out of range.
    private static bool InRange(double value, double min, double max) => value >= min && value <= max;
}
