using System.Collections.Immutable;
using OrleansCron.Catalog;
using OrleansCron.Runs;
using OrleansCron.Schedules;

namespace OrleansCron.Tests.Api;

internal sealed partial class FakeBackend
{
    public TargetPage ListTargets(TargetQuery query)
    {
        lock (_gate)
        {
            var (items, next) = Page(
                _targets.Values.Where(t => (query.Tag is null || t.Spec.Tags.Contains(query.Tag)) && (query.Owner is null || t.Spec.Owner == query.Owner)),
                t => t.Id,
                query.Cursor,
                query.Limit);
            return new TargetPage(items, next);
        }
    }

    public SchedulePage ListSchedules(ScheduleQuery query)
    {
        lock (_gate)
        {
            var matching = _schedules.Values.Where(s =>
                (query.Status is null || s.Status == query.Status)
                && (query.Kind is null || s.Spec.Kind == query.Kind)
                && (query.Tag is null || s.Spec.Tags.Contains(query.Tag))
                && (query.TargetId is null || s.Spec.TargetId == query.TargetId)
                && (query.Owner is null || s.Spec.Owner == query.Owner));
            var (items, next) = Page(matching, s => s.Id, query.Cursor, query.Limit);
            return new SchedulePage(items, next);
        }
    }

    public ImmutableArray<UpcomingEntry> UpcomingAll(int limit)
    {
        lock (_gate)
        {
            return [.. _schedules.Values
                .Where(s => s.Status == ScheduleStatus.Active && s.NextFireAt is not null)
                .OrderBy(s => s.NextFireAt)
                .Take(limit)
                .Select(s => new UpcomingEntry(s.Id, s.Spec.TargetId, s.NextFireAt!.Value))];
        }
    }

    public RunPage ListRuns(RunQuery query)
    {
        lock (_gate)
        {
            var matching = _runs
                .Where(r => (query.ScheduleId is null || r.ScheduleId == query.ScheduleId)
                    && (query.Status is null || r.Status == query.Status)
                    && (query.From is null || r.ScheduledAt >= query.From)
                    && (query.To is null || r.ScheduledAt < query.To))
                .OrderByDescending(r => r.ScheduledAt)
                .ThenByDescending(r => r.Id, StringComparer.Ordinal);
            var (items, next) = Page(matching, r => r.Id, query.Cursor, query.Limit);
            return new RunPage(items, next);
        }
    }

    public RunRecord? GetRun(string id)
    {
        lock (_gate)
        {
            return _runs.FirstOrDefault(r => r.Id == id);
        }
    }

    // Offset paging disguised as a keyset cursor: enough for a fake whose lists do not change under a test.
    private static (ImmutableArray<T> Items, string? Next) Page<T>(IEnumerable<T> ordered, Func<T, string> id, string? cursor, int limit)
    {
        var all = ordered.ToList();
        var start = PageCursor.TryDecode(cursor, out var decoded) ? (int)decoded!.Position : 0;
        var items = all.Skip(start).Take(limit).ToImmutableArray();
        var next = start + limit < all.Count ? new PageCursor(start + limit, id(items[^1])).Encode() : null;
        return (items, next);
    }
}
