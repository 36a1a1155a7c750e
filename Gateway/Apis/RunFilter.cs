using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using OrleansCron.Runs;

namespace OrleansCron.Gateway.Apis;

/// <summary>The run-history filters shared by /runs and /schedules/{id}/runs.</summary>
internal sealed record RunFilter(string? Status, string? From, string? To, string? Limit, string? Cursor)
{
    public bool TryBuild(string? scheduleId, [NotNullWhen(true)] out RunQuery? query, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        var errors = new ValidationErrors();
        var from = QueryRules.Timestamp(From, "from", errors);
        var to = QueryRules.Timestamp(To, "to", errors);
        if (from is not null && to is not null && to <= from)
        {
            errors.Add("to", "Must be after from.");
        }

        query = new RunQuery(
            QueryRules.Filter(scheduleId),
            QueryRules.Enum(WireNames.RunStatuses, Status, "status", errors),
            from,
            to,
            QueryRules.Cursor(Cursor, errors),
            QueryRules.Limit(Limit, errors));
        problem = errors.HasErrors ? errors.ToProblem() : null;
        if (problem is not null)
        {
            query = null;
            return false;
        }

        return true;
    }
}
