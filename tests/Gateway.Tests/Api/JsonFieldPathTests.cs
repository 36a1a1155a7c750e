using OrleansCron.Gateway.Validation;

namespace OrleansCron.Tests.Api;

public sealed class JsonFieldPathTests
{
    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.interval_seconds", "interval_seconds")]
    [InlineData("$.retry_policy.max_attempts", "retry_policy.max_attempts")]
    [InlineData("$.tags[2]", "tags[2]")]
    [InlineData("$.headers['X-Api.Key']", "headers.X-Api.Key")]
    [InlineData("$.target.success_status_codes[0]", "target.success_status_codes[0]")]
    public void ToField_FromSystemTextJsonPath_ReturnsFieldKey(string? path, string expected)
    {
        var field = JsonFieldPath.ToField(path);

        Assert.Equal(expected, field);
    }
}
