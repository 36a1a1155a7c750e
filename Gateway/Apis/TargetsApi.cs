using Microsoft.AspNetCore.Http.HttpResults;
using OrleansCron.Catalog;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Apis;

/// <summary>/api/v1/targets: the HTTP requests schedules fire.</summary>
internal static class TargetsApi
{
    public static RouteGroupBuilder MapTargetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/targets").WithTags("Targets");
        api.MapPost("", CreateTarget).Accepts<TargetRequest>(JsonBodies.Json).WithSummary("Create a target");
        api.MapGet("", ListTargets).WithSummary("List targets, in id (creation) order");
        var one = api.MapGroup("/{id}").ProducesProblem(StatusCodes.Status404NotFound);
        one.MapGet("", GetTarget).WithSummary("Get a target");
        one.MapPut("", ReplaceTarget).Accepts<TargetRequest>(JsonBodies.Json).WithSummary("Replace a target");
        one.MapPatch("", PatchTarget).Accepts<TargetRequest>(JsonBodies.MergePatch, JsonBodies.Json).WithSummary("Update a target (JSON merge patch)");
        one.MapDelete("", DeleteTarget).WithSummary("Delete a target (409 while schedules use it, unless cascade=true)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static async Task<Results<Created<TargetResponse>, ValidationProblem, ProblemHttpResult>> CreateTarget(
        HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var input = await api.Body.ReadAsync<TargetRequest>(request, create: true, TargetRequest.ReadOnlyFields, null, errors, cancellationToken);
        var spec = input is null ? null : TargetRequestValidator.Validate(input, errors, allowMask: false);
        if (spec is null)
        {
            return errors.ToProblem();
        }

        var id = api.Ids.NewTargetId();
        var result = await api.Grains.GetGrain<ITargetGrain>(id).CreateAsync(spec, ownerScheduleId: null, cancellationToken);
        return result switch
        {
            { Outcome: TargetOutcome.Created or TargetOutcome.Ok, Target: { } view } =>
                TypedResults.Created($"/api/v1/targets/{id}", TargetResponse.From(view)),
            _ => ApiResults.Failed(result, id),
        };
    }

    public static async Task<Results<Ok<PageResponse<TargetResponse>>, ValidationProblem>> ListTargets(
        [AsParameters] ApiServices api,
        string? tag,
        string? owner,
        string? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var query = new TargetQuery(QueryRules.Filter(tag), QueryRules.Filter(owner), QueryRules.Cursor(cursor, errors), QueryRules.Limit(limit, errors));
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        var page = await api.Grains.GetGrain<ICatalogGrain>(0).ListTargetsAsync(query, cancellationToken);
        return TypedResults.Ok(new PageResponse<TargetResponse>([.. page.Items.Select(TargetResponse.From)], page.NextCursor));
    }

    public static async Task<Results<Ok<TargetResponse>, ProblemHttpResult>> GetTarget(
        string id, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var view = ResourceIds.IsTargetId(id) ? await api.Grains.GetGrain<ITargetGrain>(id).GetAsync(cancellationToken) : null;
        return view is null ? ApiResults.NotFound("target", id) : TypedResults.Ok(TargetResponse.From(view));
    }

    public static async Task<Results<Ok<TargetResponse>, ValidationProblem, ProblemHttpResult>> ReplaceTarget(
        string id, HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        if (!ResourceIds.IsTargetId(id))
        {
            return ApiResults.NotFound("target", id);
        }

        var errors = new ValidationErrors();
        var input = await api.Body.ReadAsync<TargetRequest>(request, create: false, TargetRequest.ReadOnlyFields, null, errors, cancellationToken);
        return await Replace(id, input, errors, api, cancellationToken);
    }

    public static async Task<Results<Ok<TargetResponse>, ValidationProblem, ProblemHttpResult>> PatchTarget(
        string id, HttpRequest request, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var current = ResourceIds.IsTargetId(id) ? await api.Grains.GetGrain<ITargetGrain>(id).GetAsync(cancellationToken) : null;
        if (current is null)
        {
            return ApiResults.NotFound("target", id);
        }

        var errors = new ValidationErrors();
        var input = await api.Body.ReadPatchAsync(
            request, TargetRequest.From(current.Spec), TargetRequest.ReadOnlyFields, null, errors, cancellationToken);
        return await Replace(id, input, errors, api, cancellationToken);
    }

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteTarget(
        string id, string? cascade, [AsParameters] ApiServices api, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var withSchedules = QueryRules.Flag(cascade, "cascade", errors);
        if (errors.HasErrors)
        {
            return errors.ToProblem();
        }

        if (!ResourceIds.IsTargetId(id))
        {
            return ApiResults.NotFound("target", id);
        }

        var result = await api.Grains.GetGrain<ITargetGrain>(id).DeleteAsync(withSchedules, cancellationToken);
        return result.Outcome == TargetOutcome.Ok ? TypedResults.NoContent() : ApiResults.Failed(result, id);
    }

    private static async Task<Results<Ok<TargetResponse>, ValidationProblem, ProblemHttpResult>> Replace(
        string id, TargetRequest? input, ValidationErrors errors, ApiServices api, CancellationToken cancellationToken)
    {
        // Replacing keeps a secret header whose value comes back as the mask: the grain keeps the stored value.
        var spec = input is null ? null : TargetRequestValidator.Validate(input, errors, allowMask: true);
        if (spec is null)
        {
            return errors.ToProblem();
        }

        var result = await api.Grains.GetGrain<ITargetGrain>(id).ReplaceAsync(spec, cancellationToken);
        return result switch
        {
            { Outcome: TargetOutcome.Ok, Target: { } view } => TypedResults.Ok(TargetResponse.From(view)),
            _ => ApiResults.Failed(result, id),
        };
    }
}
