using System.Collections.Immutable;

namespace OrleansCron.Targets;

/// <summary>The HTTP request a schedule fires: what a user registers as a target.</summary>
/// <param name="Name">A human name, unique only by convention.</param>
/// <param name="Url">Absolute http or https URL.</param>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Headers">Request headers; values may use template variables.</param>
/// <param name="BodyTemplate">Request body; may use template variables such as <c>{{run_id}}</c>.</param>
/// <param name="TimeoutSeconds">Per-attempt timeout.</param>
/// <param name="SuccessStatusCodes">Status codes that count as success; empty means any 2xx.</param>
/// <param name="Tags">Free-form labels for filtering.</param>
/// <param name="Owner">Who owns the target (for future per-owner views and quotas).</param>
[GenerateSerializer, Immutable, Alias("oc.TargetSpec")]
public sealed record TargetSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string Url,
    [property: Id(2)] string Method,
    [property: Id(3)] ImmutableDictionary<string, string> Headers,
    [property: Id(4)] string? BodyTemplate,
    [property: Id(5)] int TimeoutSeconds,
    [property: Id(6)] ImmutableArray<int> SuccessStatusCodes,
    [property: Id(7)] ImmutableArray<string> Tags,
    [property: Id(8)] string Owner)
{
    /// <summary>The default per-attempt timeout.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>The owner given to resources created without one.</summary>
    public const string DefaultOwner = "default";

    /// <summary>True when <paramref name="statusCode"/> counts as success for this target.</summary>
    public bool IsSuccess(int statusCode) =>
        SuccessStatusCodes.IsDefaultOrEmpty
            ? statusCode is >= 200 and <= 299
            : SuccessStatusCodes.Contains(statusCode);
}
