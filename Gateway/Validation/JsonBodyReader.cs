using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace OrleansCron.Gateway.Validation;

/// <summary>
/// Reads request bodies itself instead of through parameter binding, so that malformed JSON and wrong JSON types
/// come back as a problem naming the field ("$.interval_seconds" becomes "interval_seconds") instead of an empty 400,
/// and so that PATCH can see which members were present (merge patch).
/// </summary>
internal sealed class JsonBodyReader(IOptions<HttpJsonOptions> options)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 32 };

    private JsonSerializerOptions SerializerOptions => options.Value.SerializerOptions;

    /// <summary>The body as a JSON object, or null with the reason in <paramref name="errors"/>.</summary>
    public async Task<JsonObject?> ReadObjectAsync(HttpRequest request, ValidationErrors errors, CancellationToken cancellationToken)
    {
        JsonNode? node;
        try
        {
            node = await JsonNode.ParseAsync(request.Body, nodeOptions: null, DocumentOptions, cancellationToken);
        }
        catch (JsonException ex)
        {
            errors.Add(JsonFieldPath.ToField(ex.Path), "The body is not valid JSON: " + ex.Message);
            return null;
        }

        if (node is not JsonObject body)
        {
            errors.Add("body", "The body must be a JSON object.");
            return null;
        }

        return body;
    }

    /// <summary>Reads and binds a POST (read-only fields refused) or PUT (read-only fields ignored) body.</summary>
    public async Task<T?> ReadAsync<T>(
        HttpRequest request,
        bool create,
        IEnumerable<string> readOnlyFields,
        Action<JsonObject>? prepare,
        ValidationErrors errors,
        CancellationToken cancellationToken)
        where T : class
    {
        var body = await ReadObjectAsync(request, errors, cancellationToken);
        if (body is null)
        {
            return null;
        }

        if (create)
        {
            RefuseFields(body, readOnlyFields, errors);
        }
        else
        {
            RemoveFields(body, readOnlyFields);
        }

        prepare?.Invoke(body);
        return errors.HasErrors ? null : Bind<T>(body, errors);
    }

    /// <summary>Reads a merge patch, applies it to <paramref name="current"/> and binds the result, which the caller then validates as a whole.</summary>
    /// <param name="request">The PATCH request.</param>
    /// <param name="current">The resource as it is, in its request shape.</param>
    /// <param name="readOnlyFields">Fields the patch may not set.</param>
    /// <param name="prepare">Adjusts the base to the patch before merging (e.g. drops fields a new schedule type does not take).</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="cancellationToken">Aborts the read.</param>
    public async Task<T?> ReadPatchAsync<T>(
        HttpRequest request,
        T current,
        IEnumerable<string> readOnlyFields,
        Action<JsonObject, JsonObject>? prepare,
        ValidationErrors errors,
        CancellationToken cancellationToken)
        where T : class
    {
        var patch = await ReadObjectAsync(request, errors, cancellationToken);
        if (patch is null)
        {
            return null;
        }

        RefuseFields(patch, readOnlyFields, errors);
        if (errors.HasErrors)
        {
            return null;
        }

        var baseObject = ToObject(current);
        prepare?.Invoke(baseObject, patch);
        return Bind<T>((JsonObject)JsonMergePatch.Apply(baseObject, patch)!, errors);
    }

    /// <summary>Binds a JSON object to <typeparamref name="T"/>, or returns null with the offending field in <paramref name="errors"/>.</summary>
    public T? Bind<T>(JsonObject body, ValidationErrors errors)
        where T : class
    {
        try
        {
            return body.Deserialize<T>(SerializerOptions);
        }
        catch (JsonException ex)
        {
            errors.Add(JsonFieldPath.ToField(ex.Path), JsonErrorText.Describe(ex));
            return null;
        }
    }

    /// <summary>A value as a JSON object, in the wire shape (the base a PATCH is merged onto).</summary>
    public JsonObject ToObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, SerializerOptions) as JsonObject
        ?? throw new InvalidOperationException($"{typeof(T).Name} did not serialize to an object.");

    /// <summary>Refuses members a client may not set (ids, server-maintained fields).</summary>
    public static void RefuseFields(JsonObject body, IEnumerable<string> names, ValidationErrors errors)
    {
        foreach (var name in names.Where(body.ContainsKey))
        {
            errors.Add(name, "This field is read-only: the server maintains it.");
        }
    }

    /// <summary>Drops read-only members a client sent back from a GET (PUT accepts a resource as it was read).</summary>
    public static void RemoveFields(JsonObject body, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            body.Remove(name);
        }
    }
}
