using System.Diagnostics.CodeAnalysis;
using Cronos;

namespace OrleansCron.Scheduling;

/// <summary>Parses a cron expression as 5 fields (minute first) or 6 (seconds first), told apart by field count.</summary>
internal static class CronExpressionParser
{
    private const string CronosPrefix = "The given cron expression has an invalid format. ";

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="reason"/> says which field is wrong and why.</summary>
    /// <remarks>Cronos's macros (<c>@daily</c>, <c>@every_minute</c>, ...) are accepted as the single field they are.</remarks>
    public static bool TryParse(string text, [NotNullWhen(true)] out CronExpression? expression, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(text);
        expression = null;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        CronFormat format;
        switch (fields)
        {
            case 5:
            case 1 when text.TrimStart().StartsWith('@'):
                format = CronFormat.Standard;
                break;
            case 6:
                format = CronFormat.IncludeSeconds;
                break;
            default:
                reason = $"it has {fields} fields; use 5 (minute hour day-of-month month day-of-week) or 6 (seconds first).";
                return false;
        }

        try
        {
            // Parse, not TryParse: only the exception says which field is wrong.
            expression = CronExpression.Parse(text, format);
            reason = null;
            return true;
        }
        catch (CronFormatException ex)
        {
            reason = ex.Message.StartsWith(CronosPrefix, StringComparison.Ordinal) ? ex.Message[CronosPrefix.Length..] : ex.Message;
            return false;
        }
    }
}
