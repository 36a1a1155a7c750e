using OrleansCron.Catalog;
using OrleansCron.Runs;
using static OrleansCron.Tests.Storage.RunStoreFixture;

namespace OrleansCron.Tests.Storage;

public abstract partial class RunStoreTests
{
    [Fact]
    public async Task ListAsync_NoFilter_ReturnsNewestScheduledFirst()
    {
        await _fixture.Store.TryClaimAsync([Run("a", 1, T0), Run("b", 1, T0.AddMinutes(2)), Run("a", 2, T0.AddMinutes(1))]);

        var page = await _fixture.Store.ListAsync(new RunQuery(null, null, null, null, null, 10));

        Assert.Equal(["b.1", "a.2", "a.1"], page.Items.Select(r => r.Id));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task ListAsync_ScheduleStatusAndRange_ReturnsOnlyMatchingRuns()
    {
        await _fixture.Store.TryClaimAsync(
        [
            Run("a", 1, T0, RunStatus.Succeeded),
            Run("a", 2, T0.AddMinutes(1), RunStatus.Failed),
            Run("a", 3, T0.AddMinutes(2), RunStatus.Succeeded),
            Run("a", 4, T0.AddMinutes(3), RunStatus.Succeeded),
            Run("b", 1, T0.AddMinutes(2), RunStatus.Succeeded),
        ]);

        var page = await _fixture.Store.ListAsync(new RunQuery("a", RunStatus.Succeeded, T0, T0.AddMinutes(3), null, 10));

        Assert.Equal(["a.3", "a.1"], page.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task ListAsync_PagedWithCursor_ReturnsEveryRunOnceInOrder()
    {
        // Three schedules firing on the same instants make ties that only the run id orders.
        var runs = Enumerable.Range(1, 9).SelectMany(i => new[] { "a", "b", "c" }.Select(s => Run(s, i, T0.AddMinutes(i)))).ToArray();
        await _fixture.Store.TryClaimAsync([.. runs]);
        var expected = runs.OrderByDescending(r => r.ScheduledAt).ThenByDescending(r => r.Id, StringComparer.Ordinal).Select(r => r.Id);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await _fixture.Store.ListAsync(new RunQuery(null, null, null, null, cursor, 4));
            seen.AddRange(page.Items.Select(r => r.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(expected, seen);
        Assert.Equal(7, pages);
    }

    [Fact]
    public async Task ListAsync_CursorThatDoesNotDecode_ReadsAsFirstPage()
    {
        await _fixture.Store.TryClaimAsync([Run("a", 1, T0), Run("a", 2, T0.AddMinutes(1))]);

        var page = await _fixture.Store.ListAsync(new RunQuery(null, null, null, null, "not-a-cursor", 1));

        Assert.Equal("a.2", Assert.Single(page.Items).Id);
        Assert.True(PageCursor.TryDecode(page.NextCursor, out var next));
        Assert.Equal(new PageCursor(T0.AddMinutes(1).ToUnixTimeMilliseconds(), "a.2"), next);
    }

    [Fact]
    public async Task LoadScheduleStateAsync_NoRuns_ReturnsEmpty()
    {
        var state = await _fixture.Store.LoadScheduleStateAsync("nothing");

        Assert.Same(OrleansCron.History.ScheduleRunState.Empty, state);
    }

    [Fact]
    public async Task LoadScheduleStateAsync_MixedRuns_ReturnsFiringPosition()
    {
        await _fixture.Store.TryClaimAsync(
        [
            Run("a", 1, T0, RunStatus.Succeeded),
            Run("a", 2, T0.AddMinutes(1), RunStatus.Running),
            Run("a", 3, T0.AddMinutes(5), RunStatus.Pending, RunTrigger.Manual),
            Run("b", 7, T0.AddMinutes(9), RunStatus.Pending),
        ]);

        var state = await _fixture.Store.LoadScheduleStateAsync("a");

        Assert.Equal(3, state.LastOccurrence);
        Assert.Equal(T0.AddMinutes(1), state.LastScheduledAt);
        Assert.Equal("a.3", state.LastRun?.Id);
        Assert.Equal(["a.2", "a.3"], state.Unfinished.Select(r => r.Id));
    }

    [Fact]
    public async Task PruneAsync_OldFinishedRuns_DeletesThemButKeepsEachLatestRun()
    {
        var cutoff = T0.AddDays(1);
        await _fixture.Store.TryClaimAsync(
        [
            Run("a", 1, T0, RunStatus.Succeeded) with { FinishedAt = T0.AddSeconds(1) },
            Run("a", 2, T0.AddMinutes(1), RunStatus.Failed) with { FinishedAt = T0.AddMinutes(1) },
            Run("a", 3, T0.AddMinutes(2), RunStatus.Running),
            Run("a", 4, T0.AddDays(2), RunStatus.Succeeded) with { FinishedAt = T0.AddDays(2) },
            Run("a", 5, T0.AddDays(3), RunStatus.Pending),
            Run("b", 1, T0, RunStatus.Succeeded) with { FinishedAt = T0.AddSeconds(1) },
        ]);

        var firstBatch = await _fixture.Store.PruneAsync(cutoff, batchSize: 1);
        var secondBatch = await _fixture.Store.PruneAsync(cutoff, batchSize: 100);
        var thirdBatch = await _fixture.Store.PruneAsync(cutoff, batchSize: 100);

        Assert.Equal((1, 1, 0), (firstBatch, secondBatch, thirdBatch));
        var left = await _fixture.Store.ListAsync(new RunQuery(null, null, null, null, null, 100));
        Assert.Equal(["a.5", "a.4", "a.3", "b.1"], left.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task PruneAsync_RunFinishedBeforeItsInstant_GoesOnceTheInstantIsPastTheCutoff()
    {
        // Skipped while claimed ahead: finished a second before its instant.
        await _fixture.Store.TryClaimAsync(
        [
            Run("a", 1, T0.AddSeconds(1), RunStatus.Skipped) with { FinishedAt = T0 },
            Run("a", 2, T0.AddMinutes(1), RunStatus.Succeeded) with { FinishedAt = T0.AddMinutes(1) },
        ]);

        var beforeTheInstant = await _fixture.Store.PruneAsync(T0.AddMilliseconds(500), batchSize: 100);
        var afterTheInstant = await _fixture.Store.PruneAsync(T0.AddSeconds(2), batchSize: 100);

        Assert.Equal((0, 1), (beforeTheInstant, afterTheInstant));
        var left = await _fixture.Store.ListAsync(new RunQuery(null, null, null, null, null, 100));
        Assert.Equal(["a.2"], left.Items.Select(r => r.Id));
    }

    [Fact]
    public async Task Schema_RunRows_HaveNoFinishTimeIndex()
    {
        // Every index on oc_runs is one more b-tree written per claim and per outcome; pruning uses the instant index.
        await _fixture.Store.TryClaimAsync([Run("a", 1, T0)]);

        Assert.Equal((0, 1), (_fixture.Engine.IndexCount("ix_oc_runs_finished"), _fixture.Engine.IndexCount("ix_oc_runs_newest")));
    }

    [Fact]
    public async Task Schema_InstantGuard_LeadsWithTheInstant()
    {
        // Led by the schedule, each claim wrote into a random page of the guard; led by the instant, the claims of one
        // moment land side by side. The uniqueness is the same (TryClaimAsync_SameInstantUnderAnotherOccurrence_...).
        await _fixture.Store.TryClaimAsync([Run("a", 1, T0)]);

        Assert.Equal(
            (0, 1),
            (_fixture.Engine.IndexCount("ux_oc_runs_instant"), _fixture.Engine.IndexLeadsWith("ux_oc_runs_instant_by_time", "scheduled_at")));
    }
}
