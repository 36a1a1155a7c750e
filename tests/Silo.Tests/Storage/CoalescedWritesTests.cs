using OrleansCron.Silo.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class CoalescedWritesTests
{
    [Fact]
    public async Task FlushAsync_HandsOverTheLatestPerKey_Once()
    {
        var writes = new CoalescedWrites<int>();
        writes.Set("a", 1);
        writes.Set("a", 2);
        writes.Set("b", 3);
        var batches = new List<Dictionary<string, int>>();

        await writes.FlushAsync(Capture(batches), CancellationToken.None);
        await writes.FlushAsync(Capture(batches), CancellationToken.None);

        var batch = Assert.Single(batches);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 3 }, batch);
        Assert.Equal(2, writes.WrittenCount);
        Assert.True(writes.IsEmpty);
    }

    [Fact]
    public async Task FlushAsync_WriteFails_PutsTheBatchBackUnlessANewerValueArrived()
    {
        var writes = new CoalescedWrites<int>();
        writes.Set("a", 1);
        writes.Set("b", 1);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes.FlushAsync(
            (batch, _) =>
            {
                // Arrives while the batch is out, and is still readable from it meanwhile.
                Assert.True(writes.TryGet("b", out var inFlight) && inFlight == 1);
                writes.Set("a", 2);
                throw new InvalidOperationException("write failed");
            },
            CancellationToken.None));
        var batches = new List<Dictionary<string, int>>();
        await writes.FlushAsync(Capture(batches), CancellationToken.None);

        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, Assert.Single(batches));
        Assert.Equal(2, writes.WrittenCount);
    }

    [Fact]
    public async Task FlushAsync_MoreThanABatch_WritesThemAllInBatchesOfAtMostMaxBatch()
    {
        var writes = new CoalescedWrites<int>(maxBatch: 3);
        for (var i = 0; i < 8; i++)
        {
            writes.Set($"k{i}", i);
        }

        var batches = new List<Dictionary<string, int>>();
        await writes.FlushAsync(Capture(batches), CancellationToken.None);

        Assert.Equal([3, 3, 2], batches.Select(b => b.Count));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"k{i}").Order(), batches.SelectMany(b => b.Keys).Order());
        Assert.Equal(8, writes.WrittenCount);
        Assert.True(writes.IsEmpty);
    }

    [Fact]
    public async Task FlushAsync_ValuesKeepArriving_StopsOnceAsManyAsWaitedAreWritten()
    {
        var writes = new CoalescedWrites<int>(maxBatch: 2);
        writes.Set("a", 1);
        writes.Set("b", 1);
        writes.Set("c", 1);
        var batches = 0;

        // Every batch brings two new keys: a flush that chased them would never end.
        await writes.FlushAsync(
            (_, _) =>
            {
                batches++;
                writes.Set($"new{batches}a", 1);
                writes.Set($"new{batches}b", 1);
                return Task.CompletedTask;
            },
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(2, batches);
        Assert.False(writes.IsEmpty);
    }

    [Fact]
    public async Task FlushAsync_EachBatchUnderASemaphore_HoldsItPerBatchAndLetsGoBetween()
    {
        var writes = new CoalescedWrites<int>(maxBatch: 1);
        writes.Set("a", 1);
        writes.Set("b", 1);
        using var turns = new SemaphoreSlim(1, 1);
        var heldDuring = new List<int>();
        var flush = writes.FlushAsync(
            async (_, _) =>
            {
                heldDuring.Add(turns.CurrentCount);
                await Task.Yield();
            },
            CancellationToken.None,
            eachBatchUnder: turns);

        await flush.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal([0, 0], heldDuring);
        Assert.Equal(1, turns.CurrentCount);
    }

    [Fact]
    public async Task FlushAsync_ASecondBatchFails_KeepsTheFirstWrittenAndPutsTheSecondBack()
    {
        var writes = new CoalescedWrites<int>(maxBatch: 1);
        writes.Set("a", 1);
        writes.Set("b", 2);
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => writes.FlushAsync(
            (_, _) => ++calls == 2 ? throw new InvalidOperationException("write failed") : Task.CompletedTask,
            CancellationToken.None));

        Assert.Equal(1, writes.WrittenCount);
        var batches = new List<Dictionary<string, int>>();
        await writes.FlushAsync(Capture(batches), CancellationToken.None);
        Assert.Single(Assert.Single(batches));
        Assert.Equal(2, writes.WrittenCount);
    }

    private static Func<IReadOnlyDictionary<string, int>, CancellationToken, Task> Capture(List<Dictionary<string, int>> batches) =>
        (batch, _) =>
        {
            batches.Add(new Dictionary<string, int>(batch));
            return Task.CompletedTask;
        };
}
