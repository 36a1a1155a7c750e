using OrleansCron.Schedules;

namespace OrleansCron.Gateway.Validation;

/// <summary>What a schedule request is validated against.</summary>
/// <param name="Now">The current instant (run_at must not be before it).</param>
/// <param name="Current">The stored definition on replace: instants it already has are not refused for being past.</param>
/// <param name="AllowInlineTarget">True on create, the only time an inline target may be given.</param>
internal sealed record ScheduleValidationContext(DateTimeOffset Now, ScheduleSpec? Current, bool AllowInlineTarget);
