using OrleansCron.Gateway.Contracts;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;

namespace OrleansCron.Gateway.Validation;

internal static partial class ScheduleRequestValidator
{
    private static void CheckTiming(ScheduleRequest request, ScheduleKind kind, ScheduleValidationContext context, ValidationErrors errors)
    {
        var type = WireNames.ScheduleTypes.ToWire(kind);
        void NotFor(bool present, string field, string appliesTo)
        {
            if (present)
            {
                errors.Add(field, $"Does not apply to a {type} schedule (only to {appliesTo}).");
            }
        }

        NotFor(kind != ScheduleKind.Interval && request.IntervalSeconds is not null, "interval_seconds", "interval");
        NotFor(kind != ScheduleKind.Cron && request.CronExpression is not null, "cron_expression", "cron");
        NotFor(kind != ScheduleKind.Once && request.RunAt is not null, "run_at", "once");
        NotFor(kind != ScheduleKind.Once && request.DelaySeconds is not null, "delay_seconds", "once");
        NotFor(kind == ScheduleKind.Once && request.StartAt is not null, "start_at", "interval and cron");
        NotFor(kind == ScheduleKind.Once && request.EndAt is not null, "end_at", "interval and cron");
        NotFor(kind == ScheduleKind.Once && request.DurationSeconds is not null, "duration_seconds", "interval and cron");
        switch (kind)
        {
            case ScheduleKind.Interval when request.IntervalSeconds is null:
                errors.Add("interval_seconds", "Required for an interval schedule.");
                break;
            case ScheduleKind.Interval when request.IntervalSeconds < 1:
                errors.Add("interval_seconds", "Must be at least 1 second.");
                break;
            case ScheduleKind.Cron when string.IsNullOrWhiteSpace(request.CronExpression):
                errors.Add("cron_expression", "Required for a cron schedule: 5 fields, or 6 with seconds first.");
                break;
            case ScheduleKind.Once:
                CheckOnce(request, context, errors);
                break;
        }

        if (kind != ScheduleKind.Once)
        {
            CheckWindow(request, context, errors);
        }
    }

    private static void CheckOnce(ScheduleRequest request, ScheduleValidationContext context, ValidationErrors errors)
    {
        if ((request.RunAt is null) == (request.DelaySeconds is null))
        {
            errors.Add(request.RunAt is null ? "run_at" : "delay_seconds", "Give exactly one of run_at and delay_seconds for a once schedule.");
            return;
        }

        if (request.DelaySeconds < 0)
        {
            errors.Add("delay_seconds", "Must be 0 or more.");
        }

        // A stored once schedule keeps its (now past) instant through later edits; only a new instant must be ahead.
        if (request.RunAt is { } runAt && runAt < context.Now && runAt != context.Current?.RunAt)
        {
            errors.Add("run_at", "Must not be in the past.");
        }
    }

    private static void CheckWindow(ScheduleRequest request, ScheduleValidationContext context, ValidationErrors errors)
    {
        if (request.EndAt is not null && request.DurationSeconds is not null)
        {
            errors.Add("duration_seconds", "Give at most one of end_at and duration_seconds.");
        }

        if (request.DurationSeconds < 1)
        {
            errors.Add("duration_seconds", "Must be at least 1 second.");
        }

        if (request.EndAt is not { } end)
        {
            return;
        }

        if (request.StartAt is { } start && end <= start)
        {
            errors.Add("end_at", "Must be after start_at.");
        }
        else if (request.StartAt is null && end <= context.Now && end != context.Current?.EndAt)
        {
            errors.Add("end_at", "Must be in the future (start_at defaults to now).");
        }
    }

    private static bool CheckWithCalculator(ScheduleSpec spec, DateTimeOffset now, ValidationErrors errors)
    {
        var resolved = ScheduleSpecResolver.Resolve(spec, now);
        if (NextRunCalculator.TryCreate(resolved, out _, out var field, out var error))
        {
            return true;
        }

        errors.Add(WireField(field), error.Replace("retry.", "retry_policy.", StringComparison.Ordinal));
        return false;
    }

    // The scheduler names fields after ScheduleSpec; the API names a few of them differently.
    internal static string WireField(string field) => field switch
    {
        "kind" => "schedule_type",
        "overlap" => "overlap_policy",
        "misfire" => "misfire_policy",
        "retry" => "retry_policy",
        _ when field.StartsWith("retry.", StringComparison.Ordinal) => "retry_policy." + field["retry.".Length..],
        _ => field,
    };
}
