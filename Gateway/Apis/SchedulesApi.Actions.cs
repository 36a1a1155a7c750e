using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Apis;

internal static partial class SchedulesApi
{
    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> PauseSchedule(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken) =>
        ResourceIds.IsScheduleId(id)
            ? ToResponse(await api.Grains.GetGrain<IScheduleGrain>(id).PauseAsync(cancellationToken), id)
            : ApiResults.NotFound("schedule", id);

    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> ResumeSchedule(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken) =>
        ResourceIds.IsScheduleId(id)
            ? ToResponse(await api.Grains.GetGrain<IScheduleGrain>(id).ResumeAsync(cancellationToken), id)
            : ApiResults.NotFound("schedule", id);

    public static async Task<Results<Accepted<TriggerResponse>, ProblemHttpResult>> TriggerSchedule(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsScheduleId(id))
        {
            return ApiResults.NotFound("schedule", id);
        }

        var result = await api.Grains.GetGrain<IScheduleGrain>(id).TriggerAsync(cancellationToken);
        return result switch
        {
            { Outcome: ScheduleOutcome.Ok or ScheduleOutcome.Created, RunId: { } runId } =>
                TypedResults.Accepted($"/api/v1/runs/{runId}", new TriggerResponse(runId, result.Occurrence)),
            _ => ApiResults.Failed(result.Outcome, result.Message, id),
        };
    }

    public static async Task<Results<Ok<ItemsResponse<UpcomingFireResponse>>, ValidationProblem, ProblemHttpResult>> GetUpcoming(
        string id, string? count, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var n = QueryRules.Range(count, "count", QueryRules.DefaultUpcomingCount, 1, QueryRules.MaxUpcomingCount, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var fires = ResourceIds.IsScheduleId(id) ? await api.Grains.GetGrain<IScheduleGrain>(id).GetUpcomingAsync(n, cancellationToken) : null;
        return fires is { } items
            ? TypedResults.Ok(new ItemsResponse<UpcomingFireResponse>([.. items.Select(UpcomingFireResponse.From)]))
            : ApiResults.NotFound("schedule", id);
    }
}
