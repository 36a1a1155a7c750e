using OrleansCron.Storage;

namespace OrleansCron.Tests.Storage;

[GrainType("oc-tests-storage-probe")]
internal sealed class StorageProbeGrain(
    [PersistentState("probe", StorageNames.GrainStorage)] IPersistentState<ProbeState> state) : Grain, IStorageProbeGrain, IRemindable
{
    private static readonly DateTimeOffset WrittenAt = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public async Task SetAsync(string value, ProbeMood mood)
    {
        state.State.Value = value;
        state.State.Mood = mood;
        state.State.WrittenAt = WrittenAt;
        await state.WriteStateAsync();
    }

    public Task<string?> GetAsync() => Task.FromResult(state.State.Value);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public async Task RegisterReminderAsync(string name, TimeSpan period) =>
        await this.RegisterOrUpdateReminder(name, period, period);

    public async Task<bool> HasReminderAsync(string name) => await this.GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
