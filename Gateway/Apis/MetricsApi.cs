using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Metrics;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Apis;

/// <summary>/api/v1/metrics: run and attempt aggregates, service-wide or for one schedule.</summary>
internal static class MetricsApi
{
    public static RouteGroupBuilder MapMetricsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/metrics").WithTags("Metrics");
        api.MapGet("", GetMetrics).WithSummary("Service-wide metrics, or one schedule's with schedule_id");
        return api;
    }

    public static async Task<Results<Ok<MetricsResponse>, ProblemHttpResult>> GetMetrics(
        [FromQuery(Name = "schedule_id")] string? scheduleId, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(scheduleId))
        {
            return TypedResults.Ok(MetricsResponse.From(await api.Grains.GetGrain<IMetricsGrain>(IMetricsGrain.GlobalKey).GetAsync(cancellationToken)));
        }

        // A deleted schedule's metrics are cleared: asking for them is asking for something that is gone.
        var snapshot = ResourceIds.IsScheduleId(scheduleId) ? await api.Grains.GetGrain<IScheduleGrain>(scheduleId).GetMetricsAsync(cancellationToken) : null;
        return snapshot is null ? ApiResults.NotFound("schedule", scheduleId) : TypedResults.Ok(MetricsResponse.From(snapshot));
    }
}
