namespace OrleansCron.Runs;

/// <summary>One HTTP attempt of a run.</summary>
/// <param name="Number">1 for the first attempt.</param>
/// <param name="StartedAt">When the request was sent (UTC).</param>
/// <param name="DurationMs">From send to the end of the response body, in milliseconds.</param>
/// <param name="StatusCode">The HTTP status, when a response came.</param>
/// <param name="ResponseSize">Bytes of response body read.</param>
/// <param name="ErrorClass">Why it failed, or <see cref="Runs.ErrorClass.None"/>.</param>
/// <param name="ErrorMessage">A short error message.</param>
/// <param name="ResponseBody">The first bytes of the response body, as text (capped).</param>
[GenerateSerializer, Immutable, Alias("oc.AttemptRecord")]
public sealed record AttemptRecord(
    [property: Id(0)] int Number,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] double DurationMs,
    [property: Id(3)] int? StatusCode,
    [property: Id(4)] long? ResponseSize,
    [property: Id(5)] ErrorClass ErrorClass,
    [property: Id(6)] string? ErrorMessage,
    [property: Id(7)] string? ResponseBody)
{
    /// <summary>True when the attempt succeeded.</summary>
    public bool Succeeded => ErrorClass == ErrorClass.None;
}
