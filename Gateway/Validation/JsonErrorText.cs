using System.Text.Json;
using System.Text.RegularExpressions;

namespace OrleansCron.Gateway.Validation;

/// <summary>Rewrites System.Text.Json's messages (which name CLR types) into what an API client can act on.</summary>
internal static partial class JsonErrorText
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "Unknown field.";
        }

        var converted = ConvertedTo().Match(message);
        if (converted.Success)
        {
            return "Expected " + Expected(converted.Groups["type"].Value) + ".";
        }

        var path = message.IndexOf(" Path:", StringComparison.Ordinal);
        return path > 0 ? message[..path] : message;
    }

    private static string Expected(string clrType) => clrType switch
    {
        _ when clrType.EndsWith("[]", StringComparison.Ordinal) => "an array",
        _ when clrType.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when clrType.Contains("System.Int32", StringComparison.Ordinal) => "an integer (32-bit)",
        _ when clrType.Contains("System.Int64", StringComparison.Ordinal) => "an integer",
        _ when clrType.Contains("System.Double", StringComparison.Ordinal) => "a number",
        _ when clrType.Contains("System.Boolean", StringComparison.Ordinal) => "true or false",
        _ when clrType.Contains("System.DateTimeOffset", StringComparison.Ordinal) => "an ISO 8601 timestamp with Z or an offset",
        _ when clrType.Contains("System.String", StringComparison.Ordinal) => "a string",
        _ => "an object",
    };

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\. Path:")]
    private static partial Regex ConvertedTo();
}
