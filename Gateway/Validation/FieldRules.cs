using System.Collections.Immutable;
using OrleansCron.Targets;

namespace OrleansCron.Gateway.Validation;

/// <summary>Rules shared by targets and schedules.</summary>
internal static class FieldRules
{
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;
    public const int MaxOwnerLength = 128;
    public const int MaxTextLength = 2000;

    public static ImmutableArray<string> Tags(string[]? tags, string field, ValidationErrors errors)
    {
        if (tags is null)
        {
            return [];
        }

        if (tags.Length > MaxTags)
        {
            errors.Add(field, $"At most {MaxTags} tags.");
        }

        for (var i = 0; i < tags.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(tags[i]) || tags[i].Length > MaxTagLength || HasControl(tags[i]))
            {
                errors.Add($"{field}[{i}]", $"A tag is 1 to {MaxTagLength} printable characters.");
            }
        }

        return [.. tags.Where(t => t is not null).Distinct(StringComparer.Ordinal)];
    }

    public static string Owner(string? owner, string field, ValidationErrors errors)
    {
        if (owner is null)
        {
            return TargetSpec.DefaultOwner;
        }

        if (string.IsNullOrWhiteSpace(owner) || owner.Length > MaxOwnerLength || HasControl(owner))
        {
            errors.Add(field, $"An owner is 1 to {MaxOwnerLength} printable characters.");
        }

        return owner;
    }

    public static void Text(string? text, string field, ValidationErrors errors)
    {
        if (text is not null && text.Length > MaxTextLength)
        {
            errors.Add(field, $"At most {MaxTextLength} characters.");
        }
    }

    public static bool HasControl(string text) => text.Any(char.IsControl);
}
