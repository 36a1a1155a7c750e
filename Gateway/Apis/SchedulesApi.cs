using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansCron.Catalog;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Apis;

/// <summary>/api/v1/schedules: when targets fire, and what happened when they did.</summary>
internal static partial class SchedulesApi
{
    public static RouteGroupBuilder MapSchedulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/schedules").WithTags("Schedules");
        api.MapPost("", CreateSchedule).Accepts<ScheduleRequest>(JsonBodies.Json).WithSummary("Create a schedule (with target_id, or an inline target it owns)");
        api.MapGet("", ListSchedules).WithSummary("List schedules, in id (creation) order");
        var one = api.MapGroup("/{id}").ProducesProblem(StatusCodes.Status404NotFound);
        one.MapGet("", GetSchedule).WithSummary("Get a schedule, with its next fire and last run");
        one.MapPut("", ReplaceSchedule).Accepts<ScheduleRequest>(JsonBodies.Json).WithSummary("Replace a schedule");
        one.MapPatch("", PatchSchedule).Accepts<ScheduleRequest>(JsonBodies.MergePatch, JsonBodies.Json).WithSummary("Update a schedule (JSON merge patch)");
        one.MapDelete("", DeleteSchedule).WithSummary("Delete a schedule (its runs stay in history)");
        one.MapPost("/pause", PauseSchedule).WithSummary("Stop firing");
        one.MapPost("/resume", ResumeSchedule).WithSummary("Fire again from the next instant after now").ProducesProblem(StatusCodes.Status409Conflict);
        one.MapPost("/trigger", TriggerSchedule).WithSummary("Fire a manual run now (409 when the overlap policy refuses)").ProducesProblem(StatusCodes.Status409Conflict);
        one.MapGet("/upcoming", GetUpcoming).WithSummary("The next fires, in UTC and in the schedule's zone");
        one.MapGet("/runs", ListScheduleRuns).WithSummary("The schedule's runs, newest first");
        one.MapGet("/metrics", GetScheduleMetrics).WithSummary("The schedule's metrics");
        return api;
    }

    public static async Task<Results<Created<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> CreateSchedule(
        HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var input = await api.Body.ReadAsync<ScheduleRequest>(request, create: true, ScheduleRequest.ReadOnlyFields, null, errors, cancellationToken);
        TargetSpec? inlineTarget = null;
        var context = new ScheduleValidationContext(api.Time.GetUtcNow(), Current: null, AllowInlineTarget: true);
        var spec = input is null ? null : ScheduleRequestValidator.Validate(input, context, errors, out inlineTarget);
        if (spec is null)
        {
            return errors.ToProblem();
        }

        if (inlineTarget is null && await api.Grains.GetGrain<ITargetGrain>(spec.TargetId).GetAsync(cancellationToken) is null)
        {
            return ValidationErrors.Single("target_id", $"No target with id '{spec.TargetId}'.");
        }

        var id = api.Ids.NewScheduleId();
        if (inlineTarget is not null)
        {
            spec = spec with { TargetId = api.Ids.NewTargetId() };
        }

        var result = await api.Grains.GetGrain<IScheduleGrain>(id).CreateAsync(spec, inlineTarget, cancellationToken);
        return result switch
        {
            { Outcome: ScheduleOutcome.Created or ScheduleOutcome.Ok, Schedule: { } view } =>
                TypedResults.Created($"/api/v1/schedules/{id}", ScheduleResponse.From(view)),
            { Outcome: ScheduleOutcome.Invalid } => ApiResults.Invalid(result.Field, result.Message),
            _ => ApiResults.Failed(result.Outcome, result.Message, id),
        };
    }

    public static async Task<Results<Ok<PageResponse<ScheduleResponse>>, ValidationProblem>> ListSchedules(
        [AsParameters] ApiServices api,
        string? status,
        [FromQuery(Name = "schedule_type")] string? scheduleType,
        string? tag,
        [FromQuery(Name = "target_id")] string? targetId,
        string? owner,
        string? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = new ScheduleQuery(
            QueryRules.Enum(WireNames.ScheduleStatuses, status, "status", errors),
            QueryRules.Enum(WireNames.ScheduleTypes, scheduleType, "schedule_type", errors),
            QueryRules.Filter(tag),
            QueryRules.Filter(targetId),
            QueryRules.Filter(owner),
            QueryRules.Cursor(cursor, errors),
            QueryRules.Limit(limit, errors));
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var page = await api.Grains.GetGrain<ICatalogGrain>(0).ListSchedulesAsync(query, cancellationToken);
        return TypedResults.Ok(new PageResponse<ScheduleResponse>([.. page.Items.Select(ScheduleResponse.From)], page.NextCursor));
    }

    public static async Task<Results<Ok<ScheduleResponse>, ProblemHttpResult>> GetSchedule(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var view = await FindAsync(id, api, cancellationToken);
        return view is null ? ApiResults.NotFound("schedule", id) : TypedResults.Ok(ScheduleResponse.From(view));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSchedule(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsScheduleId(id))
        {
            return ApiResults.NotFound("schedule", id);
        }

        var result = await api.Grains.GetGrain<IScheduleGrain>(id).DeleteAsync(cancellationToken);
        return result.Outcome == ScheduleOutcome.Ok ? TypedResults.NoContent() : ApiResults.Failed(result.Outcome, result.Message, id);
    }

    private static async Task<ScheduleView?> FindAsync(string id, ApiServices api, CancellationToken cancellationToken) =>
        ResourceIds.IsScheduleId(id) ? await api.Grains.GetGrain<IScheduleGrain>(id).GetAsync(cancellationToken) : null;
}
