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

    private static Func<IReadOnlyDictionary<string, int>, CancellationToken, Task> Capture(List<Dictionary<string, int>> batches) =>
        (batch, _) =>
        {
            batches.Add(new Dictionary<string, int>(batch));
            return Task.CompletedTask;
        };
}
