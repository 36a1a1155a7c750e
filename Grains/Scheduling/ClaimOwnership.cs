namespace OrleansCron.Scheduling;

/// <summary>
/// Tells a claim made by a live silo (its run may still be in flight) from one left by a silo that died
/// (its run was cut off). Claims record the silo address with its generation, so a restarted process never
/// mistakes its predecessor's claims for its own.
/// </summary>
internal sealed class ClaimOwnership(ILocalSiloDetails localSilo, IClusterMembershipService membership)
{
    public string Self { get; } = localSilo.SiloAddress.ToParsableString();

    public bool IsAlive(string? claimedBy)
    {
        if (claimedBy is null)
        {
            return false;
        }

        if (claimedBy == Self)
        {
            return true;
        }

        try
        {
            var address = SiloAddress.FromParsableString(claimedBy);
            var status = membership.CurrentSnapshot.GetSiloStatus(address);
            return status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created or SiloStatus.ShuttingDown or SiloStatus.Stopping;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
