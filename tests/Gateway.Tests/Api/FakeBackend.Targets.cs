using System.Collections.Immutable;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Api;

internal sealed partial class FakeBackend
{
    public TargetResult CreateTarget(string id, TargetSpec spec, string? ownerScheduleId)
    {
        lock (_gate)
        {
            if (_targets.ContainsKey(id))
            {
                return new TargetResult(TargetOutcome.Conflict, null, "exists");
            }

            var view = new TargetView(id, spec, Now, Now, 0, ownerScheduleId);
            _targets[id] = view;
            return Write(new TargetResult(TargetOutcome.Created, view));
        }
    }

    public TargetView? GetTarget(string id)
    {
        lock (_gate)
        {
            return _targets.TryGetValue(id, out var view) ? view with { ScheduleCount = SchedulesOf(id).Count() } : null;
        }
    }

    public TargetResult ReplaceTarget(string id, TargetSpec spec)
    {
        lock (_gate)
        {
            if (!_targets.TryGetValue(id, out var current))
            {
                return TargetResult.NotFound;
            }

            var headers = spec.Headers.ToImmutableDictionary(
                h => h.Key,
                h => h.Value == SecretHeaders.Mask && current.Spec.Headers.TryGetValue(h.Key, out var stored) ? stored : h.Value,
                StringComparer.OrdinalIgnoreCase);
            var view = current with { Spec = spec with { Headers = headers }, UpdatedAt = Now };
            _targets[id] = view;
            return Write(new TargetResult(TargetOutcome.Ok, view));
        }
    }

    public TargetResult DeleteTarget(string id, bool cascade)
    {
        lock (_gate)
        {
            if (!_targets.ContainsKey(id))
            {
                return TargetResult.NotFound;
            }

            var users = SchedulesOf(id).Select(s => s.Id).ToList();
            if (users.Count > 0 && !cascade)
            {
                return new TargetResult(TargetOutcome.Conflict, null, $"Used by {users.Count} schedule(s).");
            }

            users.ForEach(s => _schedules.Remove(s));
            _targets.Remove(id);
            return Write(new TargetResult(TargetOutcome.Ok, null));
        }
    }

    private IEnumerable<OrleansCron.Schedules.ScheduleView> SchedulesOf(string targetId) =>
        _schedules.Values.Where(s => s.Spec.TargetId == targetId);
}
