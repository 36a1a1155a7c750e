using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Apis;

internal static partial class SchedulesApi
{
    public static async Task<Results<Ok<PageResponse<RunResponse>>, ValidationProblem, ProblemHttpResult>> ListScheduleRuns(
        string id,
        [AsParameters] RunFilter filter,
        [AsParameters] ApiServices api,
        CancellationToken cancellationToken)
    {
        if (!filter.TryBuild(id, out var query, out var problem))
        {
            return problem;
        }

        if (await FindAsync(id, api, cancellationToken) is null)
        {
            return ApiResults.NotFound("schedule", id);
        }

        return TypedResults.Ok(await RunsApi.ListAsync(query, api, cancellationToken));
    }

    public static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> GetScheduleMetrics(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var snapshot = ResourceIds.IsScheduleId(id) ? await api.Grains.GetGrain<IScheduleGrain>(id).GetMetricsAsync(cancellationToken) : null;
        return snapshot is null ? ApiResults.NotFound("schedule", id) : TypedResults.Ok(MetricsResponse.From(snapshot));
    }
}
