using System.Globalization;
using System.Runtime.CompilerServices;

namespace OrleansCron.Dispatch;

/// <summary>
/// Replaces <c>{{schedule_id}}</c>, <c>{{run_id}}</c>, <c>{{occurrence}}</c>, <c>{{scheduled_at}}</c>,
/// <c>{{scheduled_at_unix}}</c> and <c>{{attempt}}</c> in header values and bodies. Unknown or unclosed
/// placeholders stay as written, so a body that happens to contain <c>{{</c> is sent unchanged.
/// </summary>
/// <remarks>Runs on every attempt: a template without <c>{{</c> is returned as is, and rendering writes into
/// a stack buffer (pooled when larger) with one allocation for the result.</remarks>
internal static class TemplateRenderer
{
    /// <summary>ISO 8601 UTC with milliseconds, e.g. 2026-11-23T05:00:00.000Z.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private const string Open = "{{";
    private const string Close = "}}";

    public static string Render(string template, in TemplateValues values)
    {
        ArgumentNullException.ThrowIfNull(template);
        var first = template.IndexOf(Open, StringComparison.Ordinal);
        if (first < 0)
        {
            return template;
        }

        var output = new DefaultInterpolatedStringHandler(0, 0, CultureInfo.InvariantCulture, stackalloc char[256]);
        var rest = template.AsSpan();
        var open = first;
        var replacedAny = false;
        while (open >= 0)
        {
            var afterOpen = rest[(open + Open.Length)..];
            var close = afterOpen.IndexOf(Close, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            // "{{{{run_id}}" keeps the extra braces as text: the placeholder starts at the last "{{" before "}}".
            var name = afterOpen[..close];
            var innerOpen = name.LastIndexOf(Open, StringComparison.Ordinal);
            if (innerOpen >= 0)
            {
                open += Open.Length + innerOpen;
                name = name[(innerOpen + Open.Length)..];
            }

            output.AppendFormatted(rest[..open]);
            var placeholderLength = Open.Length + name.Length + Close.Length;
            if (TryAppendValue(ref output, name.Trim(' '), values))
            {
                replacedAny = true;
            }
            else
            {
                output.AppendFormatted(rest.Slice(open, placeholderLength));
            }

            rest = rest[(open + placeholderLength)..];
            open = rest.IndexOf(Open, StringComparison.Ordinal);
        }

        if (!replacedAny)
        {
            output.Clear();
            return template;
        }

        output.AppendFormatted(rest);
        return output.ToStringAndClear();
    }

    /// <summary>An instant as the <c>{{scheduled_at}}</c> variable and the <c>OrleansCron-Scheduled-At</c> header show it.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static bool TryAppendValue(ref DefaultInterpolatedStringHandler output, ReadOnlySpan<char> name, in TemplateValues values)
    {
        switch (name)
        {
            case "schedule_id":
                output.AppendFormatted(values.ScheduleId);
                return true;
            case "run_id":
                output.AppendFormatted(values.RunId);
                return true;
            case "occurrence":
                output.AppendFormatted(values.Occurrence);
                return true;
            case "scheduled_at":
                output.AppendFormatted(values.ScheduledAt.UtcDateTime, InstantFormat);
                return true;
            case "scheduled_at_unix":
                output.AppendFormatted(values.ScheduledAt.ToUnixTimeSeconds());
                return true;
            case "attempt":
                output.AppendFormatted(values.Attempt);
                return true;
            default:
                return false;
        }
    }
}
