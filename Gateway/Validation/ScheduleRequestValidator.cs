using OrleansCron.Gateway.Contracts;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Validation;

/// <summary>
/// The one validator of <see cref="ScheduleRequest"/>, shared by POST, PUT and PATCH (after merging). It reports
/// every structural problem at once, then hands the resolved spec to the scheduler's own
/// <c>NextRunCalculator.TryCreate</c>, so the API accepts exactly what the grains can run.
/// </summary>
internal static partial class ScheduleRequestValidator
{
    public const string DefaultTimeZone = "UTC";
    public const int MaxRetryAttempts = 20;

    /// <summary>The spec as given (relative fields unresolved; the target id empty for an inline target), or null when <paramref name="errors"/> gained entries.</summary>
    public static ScheduleSpec? Validate(
        ScheduleRequest request,
        ScheduleValidationContext context,
        ValidationErrors errors,
        out TargetSpec? inlineTarget)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var local = new ValidationErrors();
        inlineTarget = Target(request, context, local);
        var kind = Enum(WireNames.ScheduleTypes, request.ScheduleType, "schedule_type", required: true, local);
        var overlap = Enum(WireNames.OverlapPolicies, request.OverlapPolicy, "overlap_policy", required: false, local) ?? OverlapPolicy.Skip;
        var misfire = Enum(WireNames.MisfirePolicies, request.MisfirePolicy, "misfire_policy", required: false, local) ?? MisfirePolicy.FireOnce;
        var grace = request.MisfireGraceSeconds ?? ScheduleSpec.DefaultMisfireGraceSeconds;
        if (grace < 0)
        {
            local.Add("misfire_grace_seconds", "Must be 0 or more.");
        }

        var retry = Retry(request.RetryPolicy, local);
        var tags = FieldRules.Tags(request.Tags, "tags", local);
        var owner = FieldRules.Owner(request.Owner, "owner", local);
        FieldRules.Text(request.Description, "description", local);
        if (kind is { } known)
        {
            CheckTiming(request, known, context, local);
        }

        if (local.HasErrors)
        {
            errors.Merge(local);
            inlineTarget = null;
            return null;
        }

        var spec = new ScheduleSpec(
            request.TargetId ?? "",
            kind!.Value,
            request.IntervalSeconds,
            request.CronExpression,
            request.TimeZone ?? DefaultTimeZone,
            request.RunAt,
            request.DelaySeconds,
            request.StartAt,
            request.EndAt,
            request.DurationSeconds,
            overlap,
            misfire,
            grace,
            retry,
            tags,
            request.Description,
            owner);
        if (!CheckWithCalculator(spec, context.Now, errors))
        {
            inlineTarget = null;
            return null;
        }

        return spec;
    }

    private static TargetSpec? Target(ScheduleRequest request, ScheduleValidationContext context, ValidationErrors errors)
    {
        if (request.Target is not null && !context.AllowInlineTarget)
        {
            errors.Add("target", "An inline target can only be given when creating a schedule; change it at /api/v1/targets/{target_id}.");
            return null;
        }

        if ((request.TargetId is null) == (request.Target is null))
        {
            errors.Add(request.TargetId is null ? "target_id" : "target", "Give exactly one of target_id and target.");
            return null;
        }

        if (request.TargetId is not null && !ResourceIds.IsTargetId(request.TargetId))
        {
            errors.Add("target_id", $"No target with id '{request.TargetId}'.");
        }

        return request.Target is null ? null : TargetRequestValidator.Validate(request.Target, errors, allowMask: false, prefix: "target.");
    }

    private static TEnum? Enum<TEnum>(WireEnum<TEnum> names, string? value, string field, bool required, ValidationErrors errors)
        where TEnum : struct, System.Enum
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, "Required: " + names.Expected + ".");
            }

            return null;
        }

        if (names.TryParse(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, $"Unknown value '{value}'; expected {names.Expected}.");
        return null;
    }

    private static RetryPolicy Retry(RetryPolicyRequest? request, ValidationErrors errors)
    {
        var defaults = RetryPolicy.Default;
        var policy = new RetryPolicy(
            request?.MaxAttempts ?? defaults.MaxAttempts,
            request?.InitialDelaySeconds ?? defaults.InitialDelaySeconds,
            request?.Multiplier ?? defaults.Multiplier,
            request?.MaxDelaySeconds ?? defaults.MaxDelaySeconds,
            request?.Jitter ?? defaults.Jitter);
        if (policy.MaxAttempts is < 1 or > MaxRetryAttempts)
        {
            errors.Add("retry_policy.max_attempts", $"Must be 1 to {MaxRetryAttempts}.");
        }

        if (!(policy.InitialDelaySeconds >= 0))
        {
            errors.Add("retry_policy.initial_delay_seconds", "Must be 0 or more.");
        }

        if (!(policy.Multiplier >= 1))
        {
            errors.Add("retry_policy.multiplier", "Must be 1 or more.");
        }

        if (!(policy.MaxDelaySeconds >= policy.InitialDelaySeconds))
        {
            errors.Add("retry_policy.max_delay_seconds", "Must be at least retry_policy.initial_delay_seconds.");
        }

        if (!(policy.Jitter is >= 0 and <= 1))
        {
            errors.Add("retry_policy.jitter", "Must be 0 to 1.");
        }

        return policy;
    }
}
