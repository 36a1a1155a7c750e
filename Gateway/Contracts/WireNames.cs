using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Contracts;

/// <summary>
/// Every enum's wire names, pinned one by one: a naming policy would write <see cref="ErrorClass.Http4xx"/>
/// as "http4xx", and renaming a C# member must never change the API.
/// </summary>
public static class WireNames
{
    /// <summary><see cref="RunStatus"/>.</summary>
    public static readonly WireEnum<RunStatus> RunStatuses = new(
        (RunStatus.Pending, "pending"),
        (RunStatus.Running, "running"),
        (RunStatus.Succeeded, "succeeded"),
        (RunStatus.Failed, "failed"),
        (RunStatus.Skipped, "skipped"),
        (RunStatus.Missed, "missed"),
        (RunStatus.Interrupted, "interrupted"));

    /// <summary><see cref="RunTrigger"/>.</summary>
    public static readonly WireEnum<RunTrigger> RunTriggers = new(
        (RunTrigger.Schedule, "schedule"),
        (RunTrigger.Manual, "manual"),
        (RunTrigger.CatchUp, "catch_up"));

    /// <summary><see cref="ErrorClass"/>.</summary>
    public static readonly WireEnum<ErrorClass> ErrorClasses = new(
        (ErrorClass.None, "none"),
        (ErrorClass.Timeout, "timeout"),
        (ErrorClass.Dns, "dns"),
        (ErrorClass.Connection, "connection"),
        (ErrorClass.Tls, "tls"),
        (ErrorClass.Http4xx, "http_4xx"),
        (ErrorClass.Http5xx, "http_5xx"),
        (ErrorClass.ResponseTooLarge, "response_too_large"),
        (ErrorClass.Unknown, "unknown"),
        (ErrorClass.Interrupted, "interrupted"),
        (ErrorClass.Blocked, "blocked"));

    /// <summary><see cref="ScheduleKind"/> (the <c>schedule_type</c> field).</summary>
    public static readonly WireEnum<ScheduleKind> ScheduleTypes = new(
        (ScheduleKind.Interval, "interval"),
        (ScheduleKind.Cron, "cron"),
        (ScheduleKind.Once, "once"));

    /// <summary><see cref="ScheduleStatus"/>.</summary>
    public static readonly WireEnum<ScheduleStatus> ScheduleStatuses = new(
        (ScheduleStatus.Active, "active"),
        (ScheduleStatus.Paused, "paused"),
        (ScheduleStatus.Completed, "completed"));

    /// <summary><see cref="OverlapPolicy"/>.</summary>
    public static readonly WireEnum<OverlapPolicy> OverlapPolicies = new(
        (OverlapPolicy.Skip, "skip"),
        (OverlapPolicy.BufferOne, "buffer_one"),
        (OverlapPolicy.Allow, "allow"));

    /// <summary><see cref="MisfirePolicy"/>.</summary>
    public static readonly WireEnum<MisfirePolicy> MisfirePolicies = new(
        (MisfirePolicy.FireOnce, "fire_once"),
        (MisfirePolicy.Skip, "skip"),
        (MisfirePolicy.FireAll, "fire_all"));

    /// <summary><see cref="DstAdjustment"/>.</summary>
    public static readonly WireEnum<DstAdjustment> DstAdjustments = new(
        (DstAdjustment.None, "none"),
        (DstAdjustment.Moved, "moved"),
        (DstAdjustment.AfterSkip, "after_skip"),
        (DstAdjustment.Ambiguous, "ambiguous"));
}
