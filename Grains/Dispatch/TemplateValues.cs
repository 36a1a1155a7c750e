namespace OrleansCron.Dispatch;

/// <summary>What the template variables of one attempt stand for.</summary>
internal readonly record struct TemplateValues(
    string ScheduleId,
    string RunId,
    long Occurrence,
    DateTimeOffset ScheduledAt,
    int Attempt)
{
    public static TemplateValues From(DispatchRequest request) =>
        new(request.ScheduleId, request.RunId, request.Occurrence, request.ScheduledAt, request.Attempt);
}
