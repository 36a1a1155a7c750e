using System.Threading.Channels;
using OrleansCron.Dispatch;
using OrleansCron.Runs;

namespace OrleansCron.Tests.Dispatch;

/// <summary>Collects reported outcomes; can be told to fail the first reports.</summary>
internal sealed class CollectingReporter(int failFirst = 0) : IAttemptReporter
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Channel<(string ScheduleId, AttemptOutcome Outcome)> _reports = Channel.CreateUnbounded<(string, AttemptOutcome)>();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public int Count => _reports.Reader.Count;

    public Task ReportAsync(string scheduleId, AttemptOutcome outcome)
    {
        if (Interlocked.Increment(ref _calls) <= failFirst)
        {
            throw new InvalidOperationException("The schedule grain is moving.");
        }

        _reports.Writer.TryWrite((scheduleId, outcome));
        return Task.CompletedTask;
    }

    /// <summary>The next report, waiting at most <see cref="Patience"/>.</summary>
    public async Task<(string ScheduleId, AttemptOutcome Outcome)> NextAsync() =>
        await _reports.Reader.ReadAsync().AsTask().WaitAsync(Patience);
}
