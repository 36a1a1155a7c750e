using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Apis;

internal static partial class SchedulesApi
{
    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> ReplaceSchedule(
        string id, HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, api, cancellationToken);
        if (current is null)
        {
            return ApiResults.NotFound("schedule", id);
        }

        var errors = new ValidationErrors();
        var input = await api.Body.ReadAsync<ScheduleRequest>(
            request,
            create: false,
            ScheduleRequest.ReadOnlyFields,
            body => ScheduleBodyRules.DropResolvedRelatives(body, current.Spec),
            errors,
            cancellationToken);
        return await Replace(id, current, input, errors, api, cancellationToken);
    }

    public static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> PatchSchedule(
        string id, HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var current = await FindAsync(id, api, cancellationToken);
        if (current is null)
        {
            return ApiResults.NotFound("schedule", id);
        }

        var errors = new ValidationErrors();
        var input = await api.Body.ReadPatchAsync(
            request,
            ScheduleRequest.From(current.Spec),
            ScheduleRequest.ReadOnlyFields,
            ScheduleBodyRules.PrepareBase,
            errors,
            cancellationToken);
        return await Replace(id, current, input, errors, api, cancellationToken);
    }

    private static async Task<Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, ScheduleView current, ScheduleRequest? input, ValidationErrors errors, ApiServices api, CancellationToken cancellationToken)
    {
        var context = new ScheduleValidationContext(api.Time.GetUtcNow(), current.Spec, AllowInlineTarget: false);
        var spec = input is null ? null : ScheduleRequestValidator.Validate(input, context, errors, out _);
        if (spec is null)
        {
            return errors.ToProblem();
        }

        if (spec.TargetId != current.Spec.TargetId
            && await api.Grains.GetGrain<OrleansCron.Targets.ITargetGrain>(spec.TargetId).GetAsync(cancellationToken) is null)
        {
            return ValidationErrors.Single("target_id", $"No target with id '{spec.TargetId}'.");
        }

        var result = await api.Grains.GetGrain<IScheduleGrain>(id).ReplaceAsync(spec, cancellationToken);
        return ToResponse(result, id);
    }

    private static Results<Ok<ScheduleResponse>, ValidationProblem, ProblemHttpResult> ToResponse(ScheduleResult result, string id) =>
        result switch
        {
            { Outcome: ScheduleOutcome.Ok or ScheduleOutcome.Created, Schedule: { } view } => TypedResults.Ok(ScheduleResponse.From(view)),
            { Outcome: ScheduleOutcome.Invalid } => ApiResults.Invalid(result.Field, result.Message),
            _ => ApiResults.Failed(result.Outcome, result.Message, id),
        };
}
