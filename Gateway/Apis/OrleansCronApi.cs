namespace OrleansCron.Gateway.Apis;

/// <summary>Maps the whole REST API.</summary>
public static class OrleansCronApi
{
    /// <summary>Maps /api/v1: targets, schedules, runs, metrics and upcoming fires.</summary>
    public static IEndpointRouteBuilder MapOrleansCronApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapTargetsApi().AddEndpointFilter<JsonContentTypeFilter>();
        app.MapSchedulesApi().AddEndpointFilter<JsonContentTypeFilter>();
        app.MapRunsApi();
        app.MapMetricsApi();
        app.MapUpcomingApi();
        return app;
    }
}
