using OrleansCron.Runs;

namespace OrleansCron.Scheduling;

/// <summary>An overdue instant the misfire policy fires, and as what.</summary>
/// <param name="ScheduledAt">The instant it was due.</param>
/// <param name="Trigger"><see cref="RunTrigger.Schedule"/> when on time, <see cref="RunTrigger.CatchUp"/> when late.</param>
internal readonly record struct PlannedFire(DateTimeOffset ScheduledAt, RunTrigger Trigger);
