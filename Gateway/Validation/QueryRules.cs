using OrleansCron.Catalog;
using OrleansCron.Gateway.Contracts;

namespace OrleansCron.Gateway.Validation;

/// <summary>Query-string parameters, read as strings and parsed here so that a bad one is a problem naming it, never an empty 400.</summary>
internal static class QueryRules
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;
    public const int DefaultUpcomingCount = 10;
    public const int MaxUpcomingCount = 100;

    public static int Limit(string? text, ValidationErrors errors) => Range(text, "limit", DefaultLimit, 1, MaxLimit, errors);

    public static int Range(string? text, string field, int defaultValue, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return defaultValue;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(field, $"Must be an integer from {min} to {max}.");
        return defaultValue;
    }

    public static string? Cursor(string? text, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!PageCursor.TryDecode(text, out _))
        {
            errors.Add("cursor", "Not a cursor this API returned; pass next_cursor from the previous page unchanged.");
        }

        return text;
    }

    public static TEnum? Enum<TEnum>(WireEnum<TEnum> names, string? text, string field, ValidationErrors errors)
        where TEnum : struct, System.Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (names.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(field, $"Unknown value '{text}'; expected {names.Expected}.");
        return null;
    }

    public static DateTimeOffset? Timestamp(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (UtcTimestampConverter.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(field, "Expected an ISO 8601 timestamp with Z or an offset (URL-encode '+' as %2B).");
        return null;
    }

    public static bool Flag(string? text, string field, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(field, "Expected true or false.");
        return false;
    }

    /// <summary>An empty filter (<c>?tag=</c>) means no filter.</summary>
    public static string? Filter(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
