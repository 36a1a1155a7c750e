using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Gateway.Validation;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Apis;

/// <summary>The problem responses handlers share (RFC 9457).</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string resource, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {resource} with id '{id}'.");

    public static ProblemHttpResult Conflict(string? detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    public static ValidationProblem Invalid(string? field, string? message) =>
        ValidationErrors.Single(ScheduleRequestValidator.WireField(field ?? "body"), message ?? "Invalid.");

    /// <summary>A schedule operation that did not succeed and is not <see cref="ScheduleOutcome.Invalid"/>.</summary>
    public static ProblemHttpResult Failed(ScheduleOutcome outcome, string? message, string id) => outcome switch
    {
        ScheduleOutcome.NotFound => NotFound("schedule", id),
        ScheduleOutcome.Conflict => Conflict(message),
        _ => Unexpected(outcome.ToString()),
    };

    /// <summary>A target operation that did not succeed.</summary>
    public static ProblemHttpResult Failed(TargetResult result, string id) => result.Outcome switch
    {
        TargetOutcome.NotFound => NotFound("target", id),
        TargetOutcome.Conflict => Conflict(result.Message),
        _ => Unexpected(result.Outcome.ToString()),
    };

    private static ProblemHttpResult Unexpected(string outcome) =>
        TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Unexpected outcome", detail: $"The grain answered {outcome} without a resource.");
}
