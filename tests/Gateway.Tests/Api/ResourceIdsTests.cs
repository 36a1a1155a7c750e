using Microsoft.Extensions.Time.Testing;
using OrleansCron.Gateway;

namespace OrleansCron.Tests.Api;

public sealed class ResourceIdsTests
{
    private static readonly DateTimeOffset Instant = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NewScheduleId_WithFixedTimeAndRandomness_IsUlidShaped()
    {
        var ids = new ResourceIds(new FakeTimeProvider(Instant), bytes => bytes.Fill(0xFF));

        var id = ids.NewScheduleId();

        // 1772452800000 ms = 0x19CAE6B6600, Crockford base32 over 10 characters, then 80 one-bits as 16 'Z's.
        Assert.Equal("sch_01KJQ6PSG0ZZZZZZZZZZZZZZZZ", id);
        Assert.True(ResourceIds.IsScheduleId(id));
        Assert.False(ResourceIds.IsTargetId(id));
    }

    [Fact]
    public void NewTargetId_LaterInstant_SortsAfter()
    {
        var time = new FakeTimeProvider(Instant);
        var ids = new ResourceIds(time, bytes => bytes.Fill(0xFF));
        var first = ids.NewTargetId();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var zeros = new ResourceIds(time, bytes => bytes.Clear());

        var second = zeros.NewTargetId();

        Assert.True(string.CompareOrdinal(first, second) < 0);
        Assert.True(ResourceIds.IsTargetId(second));
    }

    [Theory]
    [InlineData("sch_01KJQ6PSG0ZZZZZZZZZZZZZZZ")]
    [InlineData("sch_01KJQ6PSG0ZZZZZZZZZZZZZZZZZ")]
    [InlineData("sch_81KJQ6PSG0ZZZZZZZZZZZZZZZZ")]
    [InlineData("sch_01KJQ6PSG0ZZZZZZZZZZZZZZZU")]
    [InlineData("SCH_01KJQ6PSG0ZZZZZZZZZZZZZZZZ")]
    [InlineData("")]
    public void IsScheduleId_WhenMalformed_ReturnsFalse(string id)
    {
        var valid = ResourceIds.IsScheduleId(id);

        Assert.False(valid);
    }
}
