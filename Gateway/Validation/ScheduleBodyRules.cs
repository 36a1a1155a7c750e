using System.Text.Json.Nodes;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Validation;

/// <summary>How PUT and PATCH bodies of a schedule relate to the stored one, before the merged result is validated as a whole.</summary>
internal static class ScheduleBodyRules
{
    private static readonly string[] TypeFields = ["interval_seconds", "cron_expression", "run_at", "delay_seconds"];
    private static readonly string[] WindowFields = ["start_at", "end_at", "duration_seconds"];

    /// <summary>
    /// Adjusts the PATCH base to the patch: a new schedule_type drops the old type's fields (a patch from interval
    /// to cron should not have to null interval_seconds), and a relative field in the patch replaces the instant
    /// the stored one resolved to (delay_seconds replaces run_at, duration_seconds replaces end_at).
    /// </summary>
    public static void PrepareBase(JsonObject current, JsonObject patch)
    {
        if (patch["schedule_type"] is JsonValue type && type.ToString() != current["schedule_type"]?.ToString())
        {
            var dropped = WireNames.ScheduleTypes.TryParse(type.ToString(), out var kind) && kind == ScheduleKind.Once
                ? TypeFields.Concat(WindowFields)
                : TypeFields;
            foreach (var field in dropped.Where(f => !patch.ContainsKey(f)))
            {
                current.Remove(field);
            }
        }

        ReplaceResolved(current, patch, "delay_seconds", "run_at");
        ReplaceResolved(current, patch, "duration_seconds", "end_at");
    }

    /// <summary>
    /// A GET body sent back as a PUT carries both a relative field and the instant it resolved to; when the
    /// instant is the stored one, it stands and the relative field is dropped, so the round trip is accepted.
    /// </summary>
    public static void DropResolvedRelatives(JsonObject body, ScheduleSpec current)
    {
        DropIfResolved(body, "delay_seconds", "run_at", current.RunAt);
        DropIfResolved(body, "duration_seconds", "end_at", current.EndAt);
    }

    private static void ReplaceResolved(JsonObject current, JsonObject patch, string relative, string absolute)
    {
        if (patch[relative] is not null && !patch.ContainsKey(absolute))
        {
            current.Remove(absolute);
        }
    }

    private static void DropIfResolved(JsonObject body, string relative, string absolute, DateTimeOffset? stored)
    {
        if (body[relative] is not null
            && body[absolute] is JsonValue value
            && value.TryGetValue<string>(out var text)
            && UtcTimestampConverter.TryParse(text, out var instant)
            && instant == stored)
        {
            body.Remove(relative);
        }
    }
}
