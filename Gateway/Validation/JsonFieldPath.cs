using System.Text;
using System.Text.RegularExpressions;

namespace OrleansCron.Gateway.Validation;

/// <summary>Turns a System.Text.Json path ("$.retry_policy.max_attempts", "$.headers['X-Key']") into the field key clients see.</summary>
internal static partial class JsonFieldPath
{
    public static string ToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = new StringBuilder();
        foreach (Match segment in Segment().Matches(path))
        {
            if (segment.Groups["name"].Success || segment.Groups["quoted"].Success)
            {
                if (field.Length > 0)
                {
                    field.Append('.');
                }

                field.Append(segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value);
            }
            else
            {
                field.Append('[').Append(segment.Groups["index"].Value).Append(']');
            }
        }

        return field.Length == 0 ? "body" : field.ToString();
    }

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|\\')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex Segment();
}
