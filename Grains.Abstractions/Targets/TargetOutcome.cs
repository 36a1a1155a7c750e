namespace OrleansCron.Targets;

/// <summary>How a target operation ended.</summary>
public enum TargetOutcome
{
    /// <summary>Done.</summary>
    Ok = 0,
    /// <summary>Created.</summary>
    Created = 1,
    /// <summary>No such target.</summary>
    NotFound = 2,
    /// <summary>Refused because of the target's current state (it exists, or schedules use it).</summary>
    Conflict = 3,
}
