namespace OrleansCron.Gateway.Apis;

/// <summary>
/// Refuses a body sent with a non-JSON media type (415), e.g. curl's default form encoding, instead of trying to
/// read it as JSON. A body without a Content-Type is read as JSON.
/// </summary>
internal sealed class JsonContentTypeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsDelete(request.Method)
            || string.IsNullOrEmpty(request.ContentType) || request.HasJsonContentType())
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "Unsupported media type",
            detail: $"Send the body as {JsonBodies.Json} (PATCH also takes {JsonBodies.MergePatch}), not {request.ContentType}."));
    }
}
