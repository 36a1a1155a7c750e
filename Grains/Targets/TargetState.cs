namespace OrleansCron.Targets;

/// <summary>What a target grain stores. Storage is not the wire: this type may change shape with a migration
/// of its JSON, never by renumbering anything.</summary>
internal sealed class TargetState
{
    public TargetSpec? Spec { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Only in state written before the schedules of a target were kept in the catalog store's links
    /// (<c>oc_target_links</c>); the grain moves them there on activation and leaves this empty.</summary>
    public HashSet<string> ScheduleIds { get; set; } = [];

    /// <summary>Set when a schedule created this target inline; it is deleted when that schedule lets go of it.</summary>
    public string? OwnerScheduleId { get; set; }
}
