using OrleansCron.Targets;

namespace OrleansCron.Dispatch;

/// <summary>One HTTP attempt to send, already claimed.</summary>
/// <param name="ScheduleId">The schedule, to report back to.</param>
/// <param name="RunId">The run id (the same on every attempt).</param>
/// <param name="Occurrence">The occurrence number.</param>
/// <param name="Attempt">The attempt number, from 1.</param>
/// <param name="DispatchId">Identifies this dispatch in the report.</param>
/// <param name="ScheduledAt">The occurrence's instant.</param>
/// <param name="NotBefore">Send no earlier than this (an occurrence is claimed a little ahead and sent on time).</param>
/// <param name="Target">The request definition, unmasked.</param>
internal sealed record DispatchRequest(
    string ScheduleId,
    string RunId,
    long Occurrence,
    int Attempt,
    Guid DispatchId,
    DateTimeOffset ScheduledAt,
    DateTimeOffset NotBefore,
    TargetSpec Target);
