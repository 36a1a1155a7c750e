using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Catalog;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;

namespace OrleansCron.Gateway.Apis;

/// <summary>/api/v1/upcoming: the next fires across all schedules, soonest first.</summary>
internal static class UpcomingApi
{
    public static RouteGroupBuilder MapUpcomingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/upcoming").WithTags("Upcoming");
        api.MapGet("", ListUpcoming).WithSummary("The next fire of each active schedule, soonest first");
        return api;
    }

    public static async Task<Results<Ok<ItemsResponse<UpcomingEntryResponse>>, ValidationProblem>> ListUpcoming(
        string? limit, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var n = QueryRules.Limit(limit, errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var entries = await api.Grains.GetGrain<ICatalogGrain>(0).UpcomingAsync(n, cancellationToken);
        return TypedResults.Ok(new ItemsResponse<UpcomingEntryResponse>([.. entries.Select(UpcomingEntryResponse.From)]));
    }
}
