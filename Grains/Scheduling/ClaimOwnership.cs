using System.Collections.Concurrent;

namespace OrleansCron.Scheduling;

/// <summary>
/// Tells a claim made by a live silo (its run may still be in flight) from one left by a silo that died
/// (its run was cut off). Claims record the silo address with its generation, so a restarted process never
/// mistakes its predecessor's claims for its own.
/// </summary>
internal sealed class ClaimOwnership(ILocalSiloDetails localSilo, IClusterMembershipService membership)
{
    private readonly ConcurrentDictionary<string, byte> _goneAfterRefresh = new(StringComparer.Ordinal);

    public string Self { get; } = localSilo.SiloAddress.ToParsableString();

    /// <summary>True when the claiming silo still runs: an attempt it sent may still be in flight and report back
    /// (a stopping silo drains its in-flight attempts).</summary>
    public bool IsAlive(string? claimedBy) =>
        StatusOf(claimedBy) is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created or SiloStatus.ShuttingDown or SiloStatus.Stopping;

    /// <summary>
    /// True when the claiming silo may still start work it claimed: a run waiting in its overlap queue or a retry it
    /// has armed. A silo that is shutting down closed its firing gate before it announced it (the drain stops before
    /// the membership status changes), so it starts nothing more: its waiting runs are for the next activation.
    /// </summary>
    public bool IsFiring(string? claimedBy) =>
        StatusOf(claimedBy) is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created;

    /// <summary>
    /// Reads the cluster's membership again when a claim names a silo this silo has not heard of: one that joined since
    /// the last update reached here (under load that can take a while). Judged on the stale view, its attempt in flight
    /// would be taken for cut off and sent a second time. A silo still unknown after the read is gone from the table
    /// (a claim is made only by a silo in it): it is not read for again.
    /// </summary>
    public async ValueTask RefreshIfUnknownAsync(IEnumerable<string?> claimers)
    {
        List<string>? unknown = null;
        foreach (var claimedBy in claimers)
        {
            if (claimedBy is not null && !_goneAfterRefresh.ContainsKey(claimedBy) && IsUnknown(claimedBy)
                && unknown?.Contains(claimedBy) != true)
            {
                (unknown ??= []).Add(claimedBy);
            }
        }

        if (unknown is null)
        {
            return;
        }

        await membership.Refresh();
        foreach (var claimedBy in unknown.Where(IsUnknown))
        {
            _goneAfterRefresh.TryAdd(claimedBy, 0);
        }
    }

    // A silo address that the current membership has no status for (not this silo, not a malformed claim).
    private bool IsUnknown(string claimedBy) =>
        claimedBy != Self && TryParse(claimedBy) is { } silo && membership.CurrentSnapshot.GetSiloStatus(silo) == SiloStatus.None;

    private SiloStatus StatusOf(string? claimedBy)
    {
        if (claimedBy is null)
        {
            return SiloStatus.None;
        }

        if (claimedBy == Self)
        {
            return SiloStatus.Active;
        }

        return TryParse(claimedBy) is { } silo ? membership.CurrentSnapshot.GetSiloStatus(silo) : SiloStatus.None;
    }

    private static SiloAddress? TryParse(string claimedBy)
    {
        try
        {
            return SiloAddress.FromParsableString(claimedBy);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
