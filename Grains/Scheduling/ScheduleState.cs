using OrleansCron.Schedules;

namespace OrleansCron.Scheduling;

/// <summary>
/// What a schedule grain stores: its definition and status, written only when a user changes them. The
/// firing position is not here: it lives in the run store, whose run rows are the claims, so a fire costs no
/// grain-state write.
/// </summary>
internal sealed class ScheduleState
{
    public ScheduleSpec? Spec { get; set; }

    public ScheduleStatus Status { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Instants at or before this are never due: set on create, replace and resume, so that edits and
    /// pauses do not turn into catch-up fires.</summary>
    public DateTimeOffset EffectiveFrom { get; set; }

    /// <summary>True when the target was created inline and is deleted with this schedule.</summary>
    public bool OwnsTarget { get; set; }

    public ScheduleState Copy() => (ScheduleState)MemberwiseClone();
}
