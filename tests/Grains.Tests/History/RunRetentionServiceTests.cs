using System.Collections.Immutable;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansCron.History;
using OrleansCron.Runs;

namespace OrleansCron.Tests.History;

public sealed class RunRetentionServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PruneOnce_WhenBatchesComeBackFull_KeepsGoingUntilAShortOne()
    {
        var store = new PruneRecorder(1_000, 1_000, 7);
        var service = NewService(store, new HistoryOptions { Retention = TimeSpan.FromDays(30), PruneBatchSize = 1_000 });

        var deleted = await service.PruneOnceAsync(CancellationToken.None);

        Assert.Equal(2_007, deleted);
        Assert.Equal(3, store.Calls.Count);
        Assert.All(store.Calls, call => Assert.Equal((Now - TimeSpan.FromDays(30), 1_000), call));
    }

    [Fact]
    public async Task PruneOnce_WhenNothingIsOld_DeletesNothing()
    {
        var store = new PruneRecorder(0);
        var service = NewService(store, new HistoryOptions { Retention = TimeSpan.FromDays(1), PruneBatchSize = 10 });

        var deleted = await service.PruneOnceAsync(CancellationToken.None);

        Assert.Equal(0, deleted);
        Assert.Equal((Now - TimeSpan.FromDays(1), 10), Assert.Single(store.Calls));
    }

    private static RunRetentionService NewService(IRunStore store, HistoryOptions options) =>
        new(store, Options.Create(options), new FakeTimeProvider(Now), NullLogger<RunRetentionService>.Instance);

    private sealed class PruneRecorder(params int[] results) : IRunStore
    {
        private int _call;

        public List<(DateTimeOffset Cutoff, int Batch)> Calls { get; } = [];

        public Task<int> PruneAsync(DateTimeOffset finishedBefore, int batchSize, CancellationToken cancellationToken)
        {
            Calls.Add((finishedBefore, batchSize));
            return Task.FromResult(results[Math.Min(_call++, results.Length - 1)]);
        }

        public Task<ImmutableArray<bool>> TryClaimAsync(ImmutableArray<RunRecord> runs, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ImmutableArray<bool>> TryUpdateAsync(ImmutableArray<RunChange> changes, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ScheduleRunState> LoadScheduleStateAsync(string scheduleId, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<ImmutableArray<UnfinishedClaim>> ListUnfinishedClaimsAsync(CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<RunRecord?> GetAsync(string scheduleId, long occurrence, CancellationToken cancellationToken) => throw new InvalidOperationException();

        public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) => throw new InvalidOperationException();
    }
}
