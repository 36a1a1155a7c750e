namespace OrleansCron.Tests.Storage;

/// <summary>A grain that exercises grain storage and reminders on the SQLite file.</summary>
[Alias("oc.tests.IStorageProbeGrain")]
public interface IStorageProbeGrain : IGrainWithStringKey
{
    [Alias("Set")]
    Task SetAsync(string value, ProbeMood mood);

    [Alias("Get")]
    Task<string?> GetAsync();

    [Alias("Clear")]
    Task ClearAsync();

    [Alias("Deactivate")]
    Task DeactivateAsync();

    [Alias("RegisterReminder")]
    Task RegisterReminderAsync(string name, TimeSpan period);

    [Alias("HasReminder")]
    Task<bool> HasReminderAsync(string name);
}
