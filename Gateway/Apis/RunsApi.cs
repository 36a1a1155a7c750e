using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Runs;

namespace OrleansCron.Gateway.Apis;

/// <summary>/api/v1/runs: run history across schedules, newest first.</summary>
internal static class RunsApi
{
    public static RouteGroupBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/runs").WithTags("Runs");
        api.MapGet("", ListRuns).WithSummary("List runs, newest first");
        api.MapGet("/{id}", GetRun).WithSummary("Get a run with its attempts").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    public static async Task<Results<Ok<PageResponse<RunResponse>>, ValidationProblem>> ListRuns(
        [FromQuery(Name = "schedule_id")] string? scheduleId,
        [AsParameters] RunFilter filter,
        [AsParameters] ApiServices api,
        CancellationToken cancellationToken)
    {
        if (!filter.TryBuild(scheduleId, out var query, out var problem))
        {
            return problem;
        }

        return TypedResults.Ok(await ListAsync(query, api, cancellationToken));
    }

    public static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetRun(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var run = RunRecord.TryParseId(id, out _, out _) ? await api.Grains.GetGrain<IRunQueryGrain>(0).GetAsync(id, cancellationToken) : null;
        return run is null ? ApiResults.NotFound("run", id) : TypedResults.Ok(RunResponse.From(run));
    }

    internal static async Task<PageResponse<RunResponse>> ListAsync(RunQuery query, ApiServices api, CancellationToken cancellationToken)
    {
        var page = await api.Grains.GetGrain<IRunQueryGrain>(0).ListAsync(query, cancellationToken);
        return new PageResponse<RunResponse>([.. page.Items.Select(RunResponse.From)], page.NextCursor);
    }
}
