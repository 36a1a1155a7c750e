using OrleansCron.Runs;

namespace OrleansCron.Gateway.Contracts;

/// <summary>One HTTP attempt of a run.</summary>
public sealed record AttemptResponse(
    int Number,
    DateTimeOffset StartedAt,
    double DurationMs,
    int? StatusCode,
    long? ResponseSize,
    string ErrorClass,
    string? ErrorMessage,
    string? ResponseBody)
{
    internal static AttemptResponse From(AttemptRecord attempt) =>
        new(
            attempt.Number,
            attempt.StartedAt,
            attempt.DurationMs,
            attempt.StatusCode,
            attempt.ResponseSize,
            WireNames.ErrorClasses.ToWire(attempt.ErrorClass),
            attempt.ErrorMessage,
            attempt.ResponseBody);
}
