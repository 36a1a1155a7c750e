namespace OrleansCron.Tests.Infrastructure;

/// <summary>One request as the recording server saw it.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    DateTimeOffset ArrivedAt,
    string? IdempotencyKey,
    string? ScheduleId,
    string? RunId,
    long? Occurrence,
    DateTimeOffset? ScheduledAt,
    int? Attempt,
    string Body,
    string? Authorization);
