using System.Collections.Immutable;
using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>
/// Finished runs waiting for the aggregator's next flush, copied into arrays of values that are kept from one flush to
/// the next. Holding the <see cref="RunOutcome"/> objects themselves for up to a flush interval had each fire's three
/// of them outlive two young collections, reach gen2 and die there (measured: ~140 bytes of old garbage per fire);
/// the outcomes are built again at the flush, where they die young. Not thread safe: the aggregator locks.
/// </summary>
internal sealed class OutcomeBuffer
{
    private Run[] _runs = new Run[64];
    private Attempt[] _attempts = new Attempt[64];
    private int _attemptCount;

    public int Count { get; private set; }

    public void Add(RunOutcome outcome)
    {
        var attempts = outcome.Attempts.IsDefault ? [] : outcome.Attempts;
        Grow(ref _runs, Count + 1);
        Grow(ref _attempts, _attemptCount + attempts.Length);
        _runs[Count++] = new Run(outcome.ScheduleId, outcome.Status, outcome.FinishedAt, _attemptCount, attempts.Length);
        foreach (var attempt in attempts)
        {
            _attempts[_attemptCount++] = new Attempt(attempt.ErrorClass, attempt.DurationMs, attempt.StartedAt);
        }
    }

    /// <summary>The buffered runs as outcomes, in the order they came; the buffer is empty afterwards and keeps its
    /// arrays.</summary>
    public List<RunOutcome> Drain()
    {
        var outcomes = new List<RunOutcome>(Count);
        for (var i = 0; i < Count; i++)
        {
            var run = _runs[i];
            var attempts = ImmutableArray.CreateBuilder<AttemptSample>(run.AttemptCount);
            for (var a = run.FirstAttempt; a < run.FirstAttempt + run.AttemptCount; a++)
            {
                var attempt = _attempts[a];
                attempts.Add(new AttemptSample(attempt.ErrorClass, attempt.DurationMs, attempt.StartedAt));
            }

            outcomes.Add(new RunOutcome(run.ScheduleId, run.Status, run.FinishedAt, attempts.MoveToImmutable()));
        }

        // The schedule ids are the only references: clear them so a drained buffer holds no schedule's string.
        Array.Clear(_runs, 0, Count);
        Count = 0;
        _attemptCount = 0;
        return outcomes;
    }

    private static void Grow<T>(ref T[] items, int needed)
    {
        if (needed > items.Length)
        {
            Array.Resize(ref items, Math.Max(needed, items.Length * 2));
        }
    }

    private readonly record struct Run(string ScheduleId, RunStatus Status, DateTimeOffset FinishedAt, int FirstAttempt, int AttemptCount);

    private readonly record struct Attempt(ErrorClass ErrorClass, double DurationMs, DateTimeOffset StartedAt);
}
