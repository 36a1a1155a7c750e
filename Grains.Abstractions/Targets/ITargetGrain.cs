namespace OrleansCron.Targets;

/// <summary>One target: owns the HTTP request definition and knows which schedules fire it.</summary>
[Alias("oc.ITargetGrain")]
public interface ITargetGrain : IGrainWithStringKey
{
    /// <summary>Creates the target; <see cref="TargetOutcome.Conflict"/> when it already exists.</summary>
    [Alias("Create")]
    Task<TargetResult> CreateAsync(TargetSpec spec, string? ownerScheduleId, CancellationToken cancellationToken = default);

    /// <summary>The target with secret header values masked, or null.</summary>
    [Alias("Get")]
    Task<TargetView?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the definition. A header value equal to <see cref="SecretHeaders.Mask"/> keeps the stored value.</summary>
    [Alias("Replace")]
    Task<TargetResult> ReplaceAsync(TargetSpec spec, CancellationToken cancellationToken = default);

    /// <summary>Deletes the target. Refused with <see cref="TargetOutcome.Conflict"/> while schedules use it, unless <paramref name="cascade"/>, which deletes them too.</summary>
    [Alias("Delete")]
    Task<TargetResult> DeleteAsync(bool cascade, CancellationToken cancellationToken = default);

    /// <summary>Records that a schedule fires this target and returns the unmasked definition, or null when the target does not exist.</summary>
    [Alias("Attach")]
    Task<TargetSpec?> AttachScheduleAsync(string scheduleId, CancellationToken cancellationToken = default);

    /// <summary>Records that a schedule no longer fires this target. An owned target is deleted with its owner.</summary>
    [Alias("Detach")]
    Task DetachScheduleAsync(string scheduleId, CancellationToken cancellationToken = default);
}
