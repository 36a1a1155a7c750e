using System.Net.Http.Headers;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Parse_DeltaSeconds_ReturnsDelta()
    {
        var value = new RetryConditionHeaderValue(TimeSpan.FromSeconds(120));

        var retryAfter = RetryAfterParser.Parse(value, Now);

        Assert.Equal(TimeSpan.FromSeconds(120), retryAfter);
    }

    [Fact]
    public void Parse_HttpDate_ReturnsDelayFromNow()
    {
        var value = RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 05:01:30 GMT");

        var retryAfter = RetryAfterParser.Parse(value, Now);

        Assert.Equal(TimeSpan.FromSeconds(90), retryAfter);
    }

    [Fact]
    public void Parse_HttpDateInThePast_ReturnsZero()
    {
        var value = RetryConditionHeaderValue.Parse("Mon, 23 Nov 2026 04:59:00 GMT");

        var retryAfter = RetryAfterParser.Parse(value, Now);

        Assert.Equal(TimeSpan.Zero, retryAfter);
    }

    [Fact]
    public void Parse_NoHeader_ReturnsNull()
    {
        var retryAfter = RetryAfterParser.Parse(null, Now);

        Assert.Null(retryAfter);
    }
}
