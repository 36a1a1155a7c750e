using OrleansCron.Gateway.Contracts;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Tests.Api;

/// <summary>Pins every enum's wire name: changing one is a breaking API change and must fail here first.</summary>
public sealed class WireNamesTests
{
    [Fact]
    public void WireNames_EveryEnum_HasPinnedNames()
    {
        var names = new Dictionary<string, IReadOnlyList<string>>
        {
            [nameof(RunStatus)] = WireNames.RunStatuses.Names,
            [nameof(RunTrigger)] = WireNames.RunTriggers.Names,
            [nameof(ErrorClass)] = WireNames.ErrorClasses.Names,
            [nameof(ScheduleKind)] = WireNames.ScheduleTypes.Names,
            [nameof(ScheduleStatus)] = WireNames.ScheduleStatuses.Names,
            [nameof(OverlapPolicy)] = WireNames.OverlapPolicies.Names,
            [nameof(MisfirePolicy)] = WireNames.MisfirePolicies.Names,
            [nameof(DstAdjustment)] = WireNames.DstAdjustments.Names,
        };

        var pinned = names.ToDictionary(n => n.Key, n => string.Join(",", n.Value));

        Assert.Equal("pending,running,succeeded,failed,skipped,missed,interrupted", pinned[nameof(RunStatus)]);
        Assert.Equal("schedule,manual,catch_up", pinned[nameof(RunTrigger)]);
        Assert.Equal("none,timeout,dns,connection,tls,http_4xx,http_5xx,response_too_large,unknown,interrupted,blocked", pinned[nameof(ErrorClass)]);
        Assert.Equal("interval,cron,once", pinned[nameof(ScheduleKind)]);
        Assert.Equal("active,paused,completed", pinned[nameof(ScheduleStatus)]);
        Assert.Equal("skip,buffer_one,allow", pinned[nameof(OverlapPolicy)]);
        Assert.Equal("fire_once,skip,fire_all", pinned[nameof(MisfirePolicy)]);
        Assert.Equal("none,moved,after_skip,ambiguous", pinned[nameof(DstAdjustment)]);
    }

    [Theory]
    [InlineData("http_4xx", true)]
    [InlineData("Http4xx", false)]
    [InlineData("http4xx", false)]
    [InlineData("HTTP_4XX", false)]
    [InlineData("", false)]
    public void TryParse_OnlyExactWireNames_Succeed(string name, bool expected)
    {
        var parsed = WireNames.ErrorClasses.TryParse(name, out var value);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected ? ErrorClass.Http4xx : default, value);
    }
}
