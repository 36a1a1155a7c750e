using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using OrleansCron.Runs;
using static OrleansCron.Tests.Storage.RunStoreFixture;

namespace OrleansCron.Tests.Storage;

/// <summary>The run store's behaviour, run against each engine by a subclass.</summary>
public abstract partial class RunStoreTests : IAsyncLifetime
{
    private readonly RunStoreFixture _fixture;

    private protected RunStoreTests(StoreEngine engine)
    {
        _fixture = new RunStoreFixture(engine);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _fixture.DisposeAsync();

    [Fact]
    public async Task TryClaimAsync_SameOccurrenceFromManyCallers_ExactlyOneClaims()
    {
        var run = Run("s1", 1, T0);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => _fixture.Store.TryClaimAsync([run]))));

        Assert.Equal(1, results.Count(r => r.Single()));
        Assert.Equal(1, _fixture.Engine.Scalar("SELECT COUNT(*) FROM oc_runs"));
    }

    [Fact]
    public async Task TryClaimAsync_SameInstantUnderAnotherOccurrence_IsNotClaimed()
    {
        await _fixture.Store.TryClaimAsync([Run("s1", 1, T0)]);

        var result = await _fixture.Store.TryClaimAsync([Run("s1", 2, T0), Run("s1", 3, T0, trigger: RunTrigger.Manual)]);

        Assert.Equal([false, true], result.ToArray());
        Assert.Null(await _fixture.Store.GetAsync("s1", 2));
    }

    [Fact]
    public async Task TryClaimAsync_DuplicateInOneCall_ClaimsOnlyTheFirst()
    {
        var run = Run("s1", 1, T0);

        var result = await _fixture.Store.TryClaimAsync([run, run]);

        Assert.Equal([true, false], result.ToArray());
    }

    [Fact]
    public async Task TryClaimAsync_ThousandConcurrentCallers_AllCommitInFewerCommits()
    {
        var runs = Enumerable.Range(1, 1000).Select(i => Run("s" + (i % 10), i, T0.AddSeconds(i))).ToArray();

        var results = await Task.WhenAll(runs.Select(r => _fixture.Store.TryClaimAsync([r])));

        Assert.All(results, r => Assert.True(r.Single()));
        Assert.Equal(1000, _fixture.Engine.Scalar("SELECT COUNT(*) FROM oc_runs"));
        Assert.InRange(_fixture.Store.CommitCount, 1, 999);
    }

    [Fact]
    public async Task TryClaimAsync_ATrickleOfSingleClaims_SharesCommits()
    {
        await _fixture.Store.LoadScheduleStateAsync("warm-up");
        var commits = _fixture.Store.CommitCount;

        // One claim every ~0.3 ms, as spread schedules claim: an idle writer would commit each alone; it waits a
        // moment for company instead.
        var claims = new List<Task<ImmutableArray<bool>>>();
        for (var i = 1; i <= 40; i++)
        {
            claims.Add(_fixture.Store.TryClaimAsync([Run("s" + i, 1, T0.AddSeconds(i))]));
            var until = System.Diagnostics.Stopwatch.GetTimestamp() + System.Diagnostics.Stopwatch.Frequency * 3 / 10_000;
            SpinWait.SpinUntil(() => System.Diagnostics.Stopwatch.GetTimestamp() >= until);
        }

        var results = await Task.WhenAll(claims);

        Assert.All(results, r => Assert.True(r.Single()));
        Assert.InRange(_fixture.Store.CommitCount - commits, 1, 20);
    }

    [Fact]
    public async Task TryUpdateAsync_FromAStateTheRowHasLeft_WritesNothing()
    {
        var pending = Run("s1", 1, T0);
        await _fixture.Store.TryClaimAsync([pending]);
        var started = pending with { Status = RunStatus.Running, StartedAt = T0, ClaimedBy = "silo-b" };
        Assert.True(Assert.Single(await _fixture.Store.TryUpdateAsync([new(pending, started)])));
        var taken = started with { ClaimedBy = "silo-c" };

        // Each from something the row no longer is (or never was): its status, its claimer, its waiting retry.
        var written = await _fixture.Store.TryUpdateAsync([
            new(pending with { ClaimedBy = "silo-b" }, taken),
            new(started with { ClaimedBy = "silo-a" }, taken),
            new(started with { ClaimedBy = null }, taken),
            new(started with { NextAttemptAt = T0 }, taken),
        ]);

        Assert.Equal([false, false, false, false], written.ToArray());
        Assert.Equal(started, await _fixture.Store.GetAsync("s1", 1));
    }

    [Fact]
    public async Task TryUpdateAsync_TheSameRunMovedOnByManyCallers_ExactlyOneWrites()
    {
        // Activations that all hold the same waiting run and all start it: one sends it.
        var pending = Run("s1", 1, T0);
        await _fixture.Store.TryClaimAsync([pending]);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
            _fixture.Store.TryUpdateAsync([new(pending, pending with { Status = RunStatus.Running, StartedAt = T0, ClaimedBy = $"silo-{i}" })]))));

        var winner = Assert.Single(Enumerable.Range(0, 64), i => results[i].Single());
        Assert.Equal($"silo-{winner}", (await _fixture.Store.GetAsync("s1", 1))?.ClaimedBy);
    }

    [Fact]
    public async Task TryUpdateAsync_WithAttempts_RoundTripsEveryMutableField()
    {
        var claimed = Run("s1", 1, T0);
        await _fixture.Store.TryClaimAsync([claimed]);
        var attempts = ImmutableArray.Create(
            new AttemptRecord(1, T0.AddMilliseconds(5), 12.5, 503, 20, ErrorClass.Http5xx, "Service Unavailable", "busy"),
            new AttemptRecord(2, T0.AddSeconds(2), 3.25, 200, 2, ErrorClass.None, null, "ok"));
        var finished = claimed with
        {
            StartedAt = T0.AddMilliseconds(5),
            FinishedAt = T0.AddSeconds(3),
            Status = RunStatus.Succeeded,
            Attempts = attempts,
            NextAttemptAt = T0.AddSeconds(2),
            ClaimedBy = "silo-b",
        };
        _fixture.Time.Advance(TimeSpan.FromMinutes(1));

        var written = await _fixture.Store.TryUpdateAsync([new(claimed, finished)]);
        var stored = await _fixture.Store.GetAsync("s1", 1);

        Assert.True(Assert.Single(written));
        Assert.NotNull(stored);
        Assert.Equal(T0.AddMinutes(1).ToUnixTimeMilliseconds(), _fixture.Engine.Scalar("SELECT updated_at FROM oc_runs"));
        Assert.Equal(attempts, stored.Attempts.AsEnumerable());
        Assert.Equal(finished with { Attempts = stored.Attempts }, stored);
    }

    [Fact]
    public async Task TryUpdateAsync_RowAfterRow_LeavesNoValueOfTheRowBefore()
    {
        // The writer binds its statements again for every row: a null must not keep the previous row's value.
        await _fixture.Store.TryClaimAsync([Run("s1", 1, T0), Run("s1", 2, T0.AddSeconds(1))]);
        var attempt = new AttemptRecord(1, T0, 3.5, 500, 2, ErrorClass.Http5xx, "Internal Server Error", "oops");
        var full = Run("s1", 1, T0) with
        {
            StartedAt = T0,
            FinishedAt = T0.AddSeconds(3),
            Status = RunStatus.Running,
            Attempts = [attempt],
            NextAttemptAt = T0.AddSeconds(2),
            ClaimedBy = "silo-b",
        };
        var bare = Run("s1", 2, T0.AddSeconds(1)) with { ClaimedBy = null };

        // The "seen" values alternate between null and not too: each row is judged by its own.
        var written = ImmutableArray.CreateRange(
            (await _fixture.Store.TryUpdateAsync([new(Run("s1", 1, T0), full)]))
            .Concat(await _fixture.Store.TryUpdateAsync([new(Run("s1", 2, T0.AddSeconds(1)), bare)]))
            .Concat(await _fixture.Store.TryUpdateAsync([new(full, full), new(bare, bare)])));

        Assert.Equal([true, true, true, true], written.ToArray());
        var first = await _fixture.Store.GetAsync("s1", 1);
        var second = await _fixture.Store.GetAsync("s1", 2);
        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Equal(full with { Attempts = first.Attempts }, first);
        Assert.Equal([attempt], first.Attempts.AsEnumerable());
        Assert.Equal(bare with { Attempts = second.Attempts }, second);
        Assert.Empty(second.Attempts);
    }

    [Fact]
    public async Task TryClaimAsync_AfterAFailedBatch_ClaimsWithAFreshStatement()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _fixture.Store.TryClaimAsync([Run("s1", 1, T0) with { Owner = null! }]));

        var claimed = await _fixture.Store.TryClaimAsync([Run("s1", 2, T0.AddSeconds(1))]);

        Assert.True(claimed.Single());
        var stored = await _fixture.Store.GetAsync("s1", 2);
        Assert.NotNull(stored);
        Assert.Equal(Run("s1", 2, T0.AddSeconds(1)) with { Attempts = stored.Attempts }, stored);
    }

    [Fact]
    public async Task DisposeAsync_WithQueuedClaims_CommitsThemBeforeStopping()
    {
        var claims = Enumerable.Range(1, 200).Select(i => _fixture.Store.TryClaimAsync([Run("s1", i, T0.AddSeconds(i))])).ToArray();

        await _fixture.RestartAsync();

        Assert.All(claims, c => Assert.True(c.IsCompletedSuccessfully && c.Result.Single()));
        Assert.Equal(200, _fixture.Engine.Scalar("SELECT COUNT(*) FROM oc_runs"));
    }

    [Fact]
    public async Task TryClaimAsync_AfterDispose_Throws()
    {
        var store = _fixture.Store;
        await store.DisposeAsync();

        var claim = () => store.TryClaimAsync([Run("s1", 1, T0)]);

        await Assert.ThrowsAsync<ObjectDisposedException>(claim);
    }

    [Fact]
    public async Task TryClaimAsync_BatchFails_FailsEveryCallerInIt()
    {
        await _fixture.Store.LoadScheduleStateAsync("warm-up");
        var lockHolder = await _fixture.Engine.LockRunsAsync();
        var batches = _fixture.Store.BatchesBegun;
        var first = _fixture.Store.TryClaimAsync([Run("s1", 1, T0)]);

        // The writer has closed the first batch (alone) and waits for the lock; the next two make the next batch.
        Assert.True(SpinWait.SpinUntil(() => _fixture.Store.BatchesBegun > batches, TimeSpan.FromSeconds(10)));
        var broken = _fixture.Store.TryClaimAsync([Run("s1", 2, T0.AddSeconds(1)) with { Owner = null! }]);
        var innocent = _fixture.Store.TryClaimAsync([Run("s1", 3, T0.AddSeconds(2))]);

        await lockHolder.DisposeAsync();

        Assert.True((await first).Single());
        var brokenError = await Assert.ThrowsAnyAsync<Exception>(() => broken);
        var innocentError = await Assert.ThrowsAnyAsync<Exception>(() => innocent);
        Assert.Same(brokenError, innocentError);
        Assert.Null(await _fixture.Store.GetAsync("s1", 3));
    }

    [Fact]
    public async Task Meter_AfterClaimsAndAnUpdate_CountsTheCommitsAndTheirRows()
    {
        var measured = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, _fixture.Store.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured[instrument.Name] = value);
        listener.Start();

        await _fixture.Store.TryClaimAsync([Run("s1", 1, T0), Run("s1", 2, T0.AddMinutes(1)), Run("s2", 1, T0)]);
        await _fixture.Store.TryUpdateAsync([new(Run("s1", 1, T0), Run("s1", 1, T0, RunStatus.Succeeded))]);
        listener.RecordObservableInstruments();

        // Each awaited request is a batch of its own: the claims in one commit, the update in another.
        Assert.Equal((2, 4), (measured["orleanscron.runs.commits"], measured["orleanscron.runs.rows_committed"]));
    }
}
