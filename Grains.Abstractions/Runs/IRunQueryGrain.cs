namespace OrleansCron.Runs;

/// <summary>Reads run history (a stateless worker in every silo; the gateway holds no database connection).</summary>
[Alias("oc.IRunQueryGrain")]
public interface IRunQueryGrain : IGrainWithIntegerKey
{
    /// <summary>Runs matching the query, newest first. A cursor that does not decode (see <see cref="Catalog.PageCursor"/>) reads as no cursor; the gateway refuses such cursors first.</summary>
    [Alias("List")]
    Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>One run with its attempts, or null.</summary>
    [Alias("Get")]
    Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default);
}
