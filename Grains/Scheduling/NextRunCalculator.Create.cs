using System.Diagnostics.CodeAnalysis;
using Cronos;
using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

internal sealed partial class NextRunCalculator
{
    /// <summary>Where the "never matches" check starts: any instant works, cron calendars repeat every 400 years.</summary>
    private static readonly DateTime NeverMatchesProbe = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Validates a resolved spec (see <see cref="ScheduleSpecResolver"/>) and builds its calculator. On failure
    /// <paramref name="field"/> is the snake_case JSON name of the first bad field (nested retry fields as
    /// <c>retry.max_attempts</c>) and <paramref name="error"/> a sentence saying what is wrong.
    /// </summary>
    /// <remarks>
    /// Each kind takes only its own fields: interval needs <c>interval_seconds</c> (1 s to ten years) and
    /// <c>start_at</c> (its anchor); cron needs a 5-field or 6-field (seconds first) <c>cron_expression</c> that
    /// matches some date; once needs <c>run_at</c> and takes no window. <c>time_zone</c> must be an IANA id
    /// (empty means UTC), <c>end_at</c> must be after <c>start_at</c>, and the overlap, misfire and retry
    /// settings must be in range.
    /// </remarks>
    public static bool TryCreate(
        ScheduleSpec spec,
        [NotNullWhen(true)] out NextRunCalculator? calculator,
        [NotNullWhen(false)] out string? field,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(spec);
        calculator = null;
        if (!TryValidateKind(spec, out var cron, out field, out error)
            || !TryFindZone(spec.TimeZone, out var zone, out field, out error)
            || !TryValidateWindow(spec, out field, out error)
            || !SchedulePolicyValidator.TryValidate(spec, out field, out error))
        {
            return false;
        }

        calculator = new NextRunCalculator(spec, zone, cron);
        return true;
    }

    private static bool TryValidateKind(ScheduleSpec spec, out CronExpression? cron, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        switch (spec.Kind)
        {
            case ScheduleKind.Interval:
                return TryValidateInterval(spec, out field, out error);
            case ScheduleKind.Cron:
                return TryParseCron(spec, out cron, out field, out error);
            case ScheduleKind.Once:
                return TryValidateOnce(spec, out field, out error);
            default:
                return ValidationOutcome.Fail("kind", "kind must be interval, cron or once.", out field, out error);
        }
    }

    private static bool TryValidateInterval(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        if (spec.IntervalSeconds is not { } seconds)
        {
            return ValidationOutcome.Fail("interval_seconds", "interval_seconds is required for an interval schedule.", out field, out error);
        }

        if (seconds is < 1 or > ScheduleLimits.MaxIntervalSeconds)
        {
            return ValidationOutcome.Fail("interval_seconds", $"interval_seconds must be between 1 and {ScheduleLimits.MaxIntervalSeconds} (ten years); it is {seconds}.", out field, out error);
        }

        if (spec.StartAt is null)
        {
            return ValidationOutcome.Fail("start_at", "start_at is required for an interval schedule: it anchors the instants.", out field, out error);
        }

        return TryRejectCron(spec, out field, out error) && TryRejectOnce(spec, out field, out error);
    }

    private static bool TryParseCron(ScheduleSpec spec, out CronExpression? cron, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        cron = null;
        if (spec.IntervalSeconds is not null)
        {
            return ValidationOutcome.Fail("interval_seconds", "interval_seconds applies only to interval schedules.", out field, out error);
        }

        if (!TryRejectOnce(spec, out field, out error))
        {
            return false;
        }

        var text = spec.CronExpression?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return ValidationOutcome.Fail("cron_expression", "cron_expression is required for a cron schedule.", out field, out error);
        }

        if (!CronExpressionParser.TryParse(text, out cron, out var reason))
        {
            return ValidationOutcome.Fail("cron_expression", $"cron_expression '{text}' is invalid: {reason}", out field, out error);
        }

        return cron.GetNextOccurrence(NeverMatchesProbe) is not null
            ? ValidationOutcome.Ok(out field, out error)
            : ValidationOutcome.Fail("cron_expression", $"cron_expression '{text}' never matches a real date (for example 30 February).", out field, out error);
    }

    private static bool TryValidateOnce(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        if (spec.IntervalSeconds is not null)
        {
            return ValidationOutcome.Fail("interval_seconds", "interval_seconds applies only to interval schedules.", out field, out error);
        }

        if (!TryRejectCron(spec, out field, out error))
        {
            return false;
        }

        if (spec.DelaySeconds is { } delay && delay is < 0 or > ScheduleLimits.MaxRelativeSeconds)
        {
            return ValidationOutcome.Fail("delay_seconds", $"delay_seconds must be between 0 and {ScheduleLimits.MaxRelativeSeconds} (a hundred years); it is {delay}.", out field, out error);
        }

        if (spec.RunAt is null)
        {
            return ValidationOutcome.Fail("run_at", "run_at (or delay_seconds) is required for a once schedule.", out field, out error);
        }

        // A window around a single instant only invites contradictions; the instant is the whole schedule.
        return spec.StartAt is not null ? ValidationOutcome.Fail("start_at", "start_at does not apply to a once schedule: run_at is its only instant.", out field, out error)
            : spec.DurationSeconds is not null ? ValidationOutcome.Fail("duration_seconds", "duration_seconds does not apply to a once schedule: run_at is its only instant.", out field, out error)
            : spec.EndAt is not null ? ValidationOutcome.Fail("end_at", "end_at does not apply to a once schedule: run_at is its only instant.", out field, out error)
            : ValidationOutcome.Ok(out field, out error);
    }

    private static bool TryRejectCron(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error) =>
        string.IsNullOrWhiteSpace(spec.CronExpression)
            ? ValidationOutcome.Ok(out field, out error)
            : ValidationOutcome.Fail("cron_expression", "cron_expression applies only to cron schedules.", out field, out error);

    private static bool TryRejectOnce(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error) =>
        spec.RunAt is not null ? ValidationOutcome.Fail("run_at", "run_at applies only to once schedules.", out field, out error)
        : spec.DelaySeconds is not null ? ValidationOutcome.Fail("delay_seconds", "delay_seconds applies only to once schedules.", out field, out error)
        : ValidationOutcome.Ok(out field, out error);

    private static bool TryFindZone(string? id, out TimeZoneInfo zone, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return ValidationOutcome.Ok(out field, out error);
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) && found.HasIanaId)
        {
            zone = found;
            return ValidationOutcome.Ok(out field, out error);
        }

        // The runtime also accepts Windows ids; refuse them so that a stored schedule means the same on every host.
        return found is not null && TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana)
            ? ValidationOutcome.Fail("time_zone", $"time_zone '{id}' is a Windows zone id; use the IANA id '{iana}'.", out field, out error)
            : ValidationOutcome.Fail("time_zone", $"time_zone '{id}' is not a known IANA time zone (for example Europe/London or UTC).", out field, out error);
    }

    private static bool TryValidateWindow(ScheduleSpec spec, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        if (spec.DurationSeconds is { } duration && duration is < 1 or > ScheduleLimits.MaxRelativeSeconds)
        {
            return ValidationOutcome.Fail("duration_seconds", $"duration_seconds must be between 1 and {ScheduleLimits.MaxRelativeSeconds} (a hundred years); it is {duration}.", out field, out error);
        }

        return spec.StartAt is { } start && spec.EndAt is { } end && end <= start
            ? ValidationOutcome.Fail("end_at", "end_at must be after start_at.", out field, out error)
            : ValidationOutcome.Ok(out field, out error);
    }
}
