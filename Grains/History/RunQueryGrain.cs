using Orleans.Concurrency;
using OrleansCron.Runs;

namespace OrleansCron.History;

/// <summary>Reads run history for the gateway, which holds no database connection of its own.</summary>
[StatelessWorker, GrainType("run-query")]
internal sealed class RunQueryGrain(IRunStore runs) : Grain, IRunQueryGrain
{
    public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken) =>
        runs.ListAsync(query, cancellationToken);

    public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken) =>
        RunRecord.TryParseId(runId, out var scheduleId, out var occurrence)
            ? runs.GetAsync(scheduleId, occurrence, cancellationToken)
            : Task.FromResult<RunRecord?>(null);
}
