using System.Collections.Immutable;
using System.Net;
using OrleansCron.Scheduling;

namespace OrleansCron.Tests.Scheduling;

public sealed class ClaimOwnershipTests
{
    private static readonly SiloAddress Self = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Other = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    // A silo that started after the others (a later generation).
    private static readonly SiloAddress Newcomer = SiloAddress.New(IPAddress.Loopback, 11113, 5);

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

    [Fact]
    public async Task AClaimByASiloThatJoinedSinceTheLastUpdate_IsAliveOnceTheMembershipIsReadAgain()
    {
        var membership = new Membership(Snapshot(), Snapshot((Newcomer, SiloStatus.Active)));
        var ownership = new ClaimOwnership(new LocalSilo(), membership);
        Assert.False(ownership.IsAlive(Newcomer.ToParsableString()));

        await ownership.RefreshIfUnknownAsync([null, ownership.Self, Newcomer.ToParsableString()]);

        Assert.Equal(1, membership.Refreshes);
        Assert.True(ownership.IsAlive(Newcomer.ToParsableString()));
    }

    [Fact]
    public async Task ClaimsBySilosAlreadyKnown_DoNotReadTheMembershipAgain()
    {
        var membership = new Membership(Snapshot((Other, SiloStatus.Dead)), Snapshot((Other, SiloStatus.Active)));
        var ownership = new ClaimOwnership(new LocalSilo(), membership);

        await ownership.RefreshIfUnknownAsync([null, "not a silo address", ownership.Self, Other.ToParsableString()]);

        Assert.Equal(0, membership.Refreshes);
        Assert.False(ownership.IsAlive(Other.ToParsableString()));
    }

    [Fact]
    public async Task AClaimBySiloGoneFromTheTable_IsReadForOnce()
    {
        var membership = new Membership(Snapshot(), Snapshot());
        var ownership = new ClaimOwnership(new LocalSilo(), membership);

        await ownership.RefreshIfUnknownAsync([Newcomer.ToParsableString()]);
        await ownership.RefreshIfUnknownAsync([Newcomer.ToParsableString(), Newcomer.ToParsableString()]);

        Assert.Equal(1, membership.Refreshes);
        Assert.False(ownership.IsAlive(Newcomer.ToParsableString()));
    }

    private static ClusterMembershipSnapshot Snapshot(params (SiloAddress Silo, SiloStatus Status)[] others)
    {
        var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty.Add(Self, new ClusterMember(Self, SiloStatus.Active, "self"));
        foreach (var (silo, status) in others)
        {
            members = members.Add(silo, new ClusterMember(silo, status, "other"));
        }

        return new ClusterMembershipSnapshot(members, new MembershipVersion(others.Length + 1));
    }

    private static ClaimOwnership Ownership(SiloStatus otherStatus)
    {
        var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty
            .Add(Self, new ClusterMember(Self, SiloStatus.Active, "self"))
            .Add(Other, new ClusterMember(Other, otherStatus, "other"));
        var snapshot = new ClusterMembershipSnapshot(members, new MembershipVersion(1));
        return new ClaimOwnership(new LocalSilo(), new Membership(snapshot, snapshot));
    }

    private sealed class LocalSilo : ILocalSiloDetails
    {
        public string Name => "self";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => Self;

        public SiloAddress GatewayAddress => Self;
    }

    /// <summary>A membership whose table, once read again, says <paramref name="afterRefresh"/>.</summary>
    private sealed class Membership(ClusterMembershipSnapshot snapshot, ClusterMembershipSnapshot afterRefresh) : IClusterMembershipService
    {
        public int Refreshes { get; private set; }

        public ClusterMembershipSnapshot CurrentSnapshot { get; private set; } = snapshot;

        public IAsyncEnumerable<ClusterMembershipSnapshot> MembershipUpdates => throw new NotSupportedException();

        public ValueTask Refresh(MembershipVersion minimumVersion = default, CancellationToken cancellationToken = default)
        {
            Refreshes++;
            CurrentSnapshot = afterRefresh;
            return ValueTask.CompletedTask;
        }

        public Task<bool> TryKill(SiloAddress siloAddress) => Task.FromResult(false);
    }
}
