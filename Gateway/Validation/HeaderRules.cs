using System.Collections.Frozen;
using System.Collections.Immutable;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Validation;

/// <summary>What a target's request headers may be.</summary>
internal static class HeaderRules
{
    public const int MaxHeaders = 50;
    public const int MaxValueLength = 8192;

    // Framing and connection headers are the HTTP stack's to set; a stored one would corrupt every request.
    private static readonly FrozenSet<string> Reserved =
        new[] { "Host", "Content-Length", "Transfer-Encoding", "Connection", "Upgrade", "TE", "Keep-Alive", "Proxy-Connection", "Trailer" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static ImmutableDictionary<string, string> Validate(
        Dictionary<string, string?>? headers, string field, bool allowMask, ValidationErrors errors)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is null)
        {
            return result.ToImmutable();
        }

        if (headers.Count > MaxHeaders)
        {
            errors.Add(field, $"At most {MaxHeaders} headers.");
        }

        foreach (var (name, value) in headers)
        {
            var key = $"{field}.{name}";
            if (!IsToken(name))
            {
                errors.Add(key, "Not a valid header name (RFC 9110 token characters only).");
                continue;
            }

            if (Reserved.Contains(name))
            {
                errors.Add(key, "This header is set by the HTTP client and cannot be configured.");
                continue;
            }

            if (result.ContainsKey(name))
            {
                errors.Add(key, "Duplicate header name (names are case-insensitive).");
                continue;
            }

            if (value is null || value.Length > MaxValueLength || !IsFieldValue(value))
            {
                errors.Add(key, $"A header value is a string of at most {MaxValueLength} characters of printable ASCII characters.");
                continue;
            }

            if (!allowMask && value == SecretHeaders.Mask && SecretHeaders.IsSecret(name))
            {
                errors.Add(key, "The secret mask only stands for a stored value when replacing a target; send the real value.");
                continue;
            }

            result[name] = value;
        }

        return result.ToImmutable();
    }

    private static bool IsToken(string name) =>
        name.Length is > 0 and <= 256 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));

    // HttpClient refuses non-ASCII header values at send time, so they are refused here, where the user can fix them.
    private static bool IsFieldValue(string value) =>
        value.All(c => c == '\t' || (c >= ' ' && c < '\u007f'));
}
