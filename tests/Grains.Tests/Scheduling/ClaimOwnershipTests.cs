using System.Collections.Immutable;
using System.Net;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class ClaimOwnershipTests
{
    private static readonly SiloAddress Self = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Other = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    [Theory]
    // status of the claiming silo   alive  firing
    [InlineData(SiloStatus.Active, true, true)]
    [InlineData(SiloStatus.Joining, true, true)]
    [InlineData(SiloStatus.ShuttingDown, true, false)]
    [InlineData(SiloStatus.Stopping, true, false)]
    [InlineData(SiloStatus.Dead, false, false)]
    public void AnotherSilosClaim_IsAliveWhileItRuns_ButFiringOnlyUntilItStartsStopping(SiloStatus status, bool alive, bool firing)
    {
        var ownership = Ownership(status);

        Assert.Equal(alive, ownership.IsAlive(Other.ToParsableString()));
        Assert.Equal(firing, ownership.IsFiring(Other.ToParsableString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a silo address")]
    [InlineData("S10.0.0.9:11111:1")]
    public void AClaimByNoSiloTheClusterKnows_IsNeitherAliveNorFiring(string? claimedBy)
    {
        var ownership = Ownership(SiloStatus.Active);

        Assert.False(ownership.IsAlive(claimedBy));
        Assert.False(ownership.IsFiring(claimedBy));
    }

    [Fact]
    public void OwnClaim_IsAliveAndFiring()
    {
        var ownership = Ownership(SiloStatus.Dead);

        Assert.True(ownership.IsAlive(Self.ToParsableString()));
        Assert.True(ownership.IsFiring(ownership.Self));
    }

    private static ClaimOwnership Ownership(SiloStatus otherStatus)
    {
        var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty
            .Add(Self, new ClusterMember(Self, SiloStatus.Active, "self"))
            .Add(Other, new ClusterMember(Other, otherStatus, "other"));
        return new ClaimOwnership(new LocalSilo(), new Membership(new ClusterMembershipSnapshot(members, new MembershipVersion(1))));
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "self";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => Self;

        public SiloAddress GatewayAddress => Self;
    }

    private sealed class Membership(ClusterMembershipSnapshot snapshot) : IClusterMembershipService
    {
        public ClusterMembershipSnapshot CurrentSnapshot => snapshot;

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
