using System.Collections.Frozen;
using System.Collections.Immutable;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Validation;

/// <summary>The one validator of <see cref="TargetRequest"/>, shared by POST, PUT, PATCH (after merging) and inline targets.</summary>
internal static class TargetRequestValidator
{
    public const string DefaultMethod = "GET";
    public const int MinTimeoutSeconds = 1;
    public const int MaxTimeoutSeconds = 600;
    public const int MaxUrlLength = 2048;
    public const int MaxNameLength = 200;
    public const int MaxBodyLength = 64 * 1024;
    public const int MaxStatusCodes = 100;

    public static readonly FrozenSet<string> Methods =
        new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The spec, or null when <paramref name="errors"/> gained entries.</summary>
    /// <param name="request">What the client sent.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="allowMask">True on replace, where a secret header's mask stands for its stored value.</param>
    /// <param name="prefix">Field prefix for an inline target ("target.").</param>
    public static TargetSpec? Validate(TargetRequest request, ValidationErrors errors, bool allowMask, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(request);
        var local = new ValidationErrors();
        var url = Url(request.Url, prefix + "url", local);
        var method = Method(request.Method, prefix + "method", local);
        var headers = HeaderRules.Validate(request.Headers, prefix + "headers", allowMask, local);
        if (request.BodyTemplate is { Length: > MaxBodyLength })
        {
            local.Add(prefix + "body_template", $"At most {MaxBodyLength} characters.");
        }

        var timeout = request.TimeoutSeconds ?? TargetSpec.DefaultTimeoutSeconds;
        if (timeout is < MinTimeoutSeconds or > MaxTimeoutSeconds)
        {
            local.Add(prefix + "timeout_seconds", $"Must be {MinTimeoutSeconds} to {MaxTimeoutSeconds} seconds.");
        }

        var codes = StatusCodes(request.SuccessStatusCodes, prefix + "success_status_codes", local);
        var tags = FieldRules.Tags(request.Tags, prefix + "tags", local);
        var owner = FieldRules.Owner(request.Owner, prefix + "owner", local);
        var name = request.Name ?? url?.Host ?? "";
        if (request.Name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || FieldRules.HasControl(name)))
        {
            local.Add(prefix + "name", $"A name is 1 to {MaxNameLength} printable characters.");
        }

        if (local.HasErrors)
        {
            errors.Merge(local);
            return null;
        }

        return new TargetSpec(name, url!.OriginalString, method, headers, request.BodyTemplate, timeout, codes, tags, owner);
    }

    private static Uri? Url(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(field, "Required: an absolute http or https URL.");
            return null;
        }

        if (text.Length > MaxUrlLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            errors.Add(field, $"Must be an absolute http or https URL of at most {MaxUrlLength} characters.");
            return null;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // A URL is shown in full on every read; credentials belong in a header, where they are masked.
            errors.Add(field, "Must not carry credentials; put them in a header such as Authorization.");
            return null;
        }

        return uri;
    }

    private static string Method(string? text, string field, ValidationErrors errors)
    {
        var method = text?.ToUpperInvariant() ?? DefaultMethod;
        if (!Methods.Contains(method))
        {
            errors.Add(field, "Must be one of: " + string.Join(", ", Methods.Order(StringComparer.Ordinal)) + ".");
        }

        return method;
    }

    private static ImmutableArray<int> StatusCodes(int[]? codes, string field, ValidationErrors errors)
    {
        if (codes is null)
        {
            return [];
        }

        if (codes.Length > MaxStatusCodes)
        {
            errors.Add(field, $"At most {MaxStatusCodes} status codes.");
        }

        for (var i = 0; i < codes.Length; i++)
        {
            if (codes[i] is < 100 or > 599)
            {
                errors.Add($"{field}[{i}]", "A status code is 100 to 599.");
            }
        }

        return [.. codes.Distinct().Order()];
    }
}
