namespace OrleansCron.Metrics;

/// <summary>
/// Where each schedule's metrics live between its activations: one encoded <see cref="PackedMetrics"/> per key.
/// Saves are coalesced per key (the latest wins) and written in one batch about every second, so metrics ride
/// along with firing at no per-fire commit; a crash can lose the last second or two of them, never a run.
/// </summary>
internal interface IMetricsStore
{
    /// <summary>The latest payload saved under <paramref name="key"/>, written or still waiting to be.</summary>
    Task<string?> LoadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Queues <paramref name="payload"/> to be written under <paramref name="key"/>.</summary>
    void Save(string key, string payload);

    /// <summary>Queues the removal of <paramref name="key"/> (a later save brings it back).</summary>
    void Delete(string key);

    /// <summary>Writes everything queued so far.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
