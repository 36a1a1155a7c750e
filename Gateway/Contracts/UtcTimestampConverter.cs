using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCron.Gateway.Contracts;

/// <summary>
/// Writes instants as UTC ISO 8601 with a "Z", to the millisecond (trailing zeros dropped); reads ISO 8601 only with an explicit "Z" or offset. The default
/// converter would read "2030-01-01T09:00:00" in the server's own zone, so the same request would mean
/// different instants on different machines.
/// </summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    internal const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFF'Z'";

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("Expected a timestamp string.");
        }

        return TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException("Expected an ISO 8601 timestamp with Z or an offset.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }

    /// <summary>Reads an ISO 8601 timestamp that carries "Z" or an offset; false for anything else.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || !HasZoneDesignator(text))
        {
            return false;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value))
        {
            return false;
        }

        value = value.ToUniversalTime();
        return true;
    }

    private static bool HasZoneDesignator(string text)
    {
        var time = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (time < 0)
        {
            return false;
        }

        var tail = text.AsSpan(time + 1);
        return tail.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || tail.IndexOfAny('+', '-') >= 0;
    }
}
