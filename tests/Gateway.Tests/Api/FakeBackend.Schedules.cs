using System.Collections.Immutable;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Scheduling;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Api;

internal sealed partial class FakeBackend
{
    public ScheduleResult CreateSchedule(string id, ScheduleSpec spec, TargetSpec? inlineTarget)
    {
        lock (_gate)
        {
            if (inlineTarget is not null)
            {
                CreateTarget(spec.TargetId, inlineTarget, id);
            }
            else if (!_targets.ContainsKey(spec.TargetId))
            {
                return ScheduleResult.Invalid("target_id", "no such target");
            }

            var resolved = ScheduleSpecResolver.Resolve(spec, Now);
            var view = new ScheduleView(id, resolved, ScheduleStatus.Active, NextFire(resolved), null, Now, Now, inlineTarget is not null);
            _schedules[id] = view;
            return Write(new ScheduleResult(ScheduleOutcome.Created, view));
        }
    }

    public ScheduleView? GetSchedule(string id)
    {
        lock (_gate)
        {
            return _schedules.GetValueOrDefault(id);
        }
    }

    public ScheduleResult ReplaceSchedule(string id, ScheduleSpec spec) =>
        Update(id, view =>
        {
            var resolved = ScheduleSpecResolver.Resolve(spec, Now);
            return view with { Spec = resolved, NextFireAt = NextFire(resolved), UpdatedAt = Now };
        });

    public ScheduleResult SetStatus(string id, ScheduleStatus status) =>
        Update(id, view => view.Status == ScheduleStatus.Completed ? null : view with { Status = status, UpdatedAt = Now });

    public ScheduleResult DeleteSchedule(string id)
    {
        lock (_gate)
        {
            return _schedules.Remove(id) ? Write(new ScheduleResult(ScheduleOutcome.Ok, null)) : ScheduleResult.NotFound;
        }
    }

    public TriggerResult Trigger(string id)
    {
        lock (_gate)
        {
            if (!_schedules.TryGetValue(id, out var view))
            {
                return new TriggerResult(ScheduleOutcome.NotFound, null, null);
            }

            if (TriggerOutcome != ScheduleOutcome.Ok)
            {
                return new TriggerResult(TriggerOutcome, null, null, "A run is still going (overlap policy skip).");
            }

            var occurrence = _runs.Count(r => r.ScheduleId == id) + 1L;
            var run = new RunRecord(
                RunRecord.MakeId(id, occurrence), id, occurrence, Now, null, null, RunStatus.Pending, RunTrigger.Manual, [], null, "fake", view.Spec.Owner, view.Spec.TargetId);
            _runs.Add(run);
            return Write(new TriggerResult(ScheduleOutcome.Ok, run.Id, occurrence));
        }
    }

    public ImmutableArray<UpcomingFire>? Upcoming(string id, int count)
    {
        lock (_gate)
        {
            return _schedules.TryGetValue(id, out var view) && NextRunCalculator.TryCreate(view.Spec, out var calculator, out _, out _)
                ? calculator.GetUpcoming(Now, count)
                : null;
        }
    }

    private ScheduleResult Update(string id, Func<ScheduleView, ScheduleView?> change)
    {
        lock (_gate)
        {
            if (!_schedules.TryGetValue(id, out var view))
            {
                return ScheduleResult.NotFound;
            }

            if (change(view) is not { } changed)
            {
                return new ScheduleResult(ScheduleOutcome.Conflict, null, null, "The schedule has completed.");
            }

            _schedules[id] = changed;
            return Write(new ScheduleResult(ScheduleOutcome.Ok, changed));
        }
    }

    private DateTimeOffset? NextFire(ScheduleSpec spec) =>
        NextRunCalculator.TryCreate(spec, out var calculator, out _, out _) ? calculator.GetNextAfter(Now) : null;
}
