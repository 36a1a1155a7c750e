namespace OrleansCron.Dispatch;

/// <summary>
/// The silo-local sender: runs HTTP attempts outside grain turns with bounded concurrency, and reports
/// each outcome back to the schedule grain as a message.
/// </summary>
internal interface IDispatcher
{
    /// <summary>Queues an attempt. Never blocks and never throws for a bad target: every attempt ends in a report.</summary>
    void Enqueue(DispatchRequest request);

    /// <summary>Drops a queued attempt that has not been sent yet (the schedule was paused or deleted).
    /// True when it was dropped and will not be reported; false when it was already sent or unknown.</summary>
    bool TryCancel(Guid dispatchId);

    /// <summary>Waits until every attempt handed over so far has been sent and reported, or until
    /// <paramref name="timeout"/>. True when nothing is left.</summary>
    Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default);
}
