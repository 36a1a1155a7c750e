using System.Collections.Immutable;
using OrleansCron.Catalog;
using OrleansCron.Metrics;
using OrleansCron.Runs;
using OrleansCron.Schedules;
using OrleansCron.Targets;

namespace OrleansCron.Tests.Api;

/// <summary>Grain references that call straight into a <see cref="FakeBackend"/>.</summary>
internal static class FakeGrains
{
    public sealed class Target(FakeBackend backend, string id) : ITargetGrain
    {
        public Task<TargetResult> CreateAsync(TargetSpec spec, string? ownerScheduleId, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.CreateTarget(id, spec, ownerScheduleId));

        public Task<TargetView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(backend.GetTarget(id));

        public Task<TargetResult> ReplaceAsync(TargetSpec spec, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.ReplaceTarget(id, spec));

        public Task<TargetResult> DeleteAsync(bool cascade, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.DeleteTarget(id, cascade));

        public Task<TargetSpec?> AttachScheduleAsync(string scheduleId, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.StoredTarget(id));

        public Task DetachScheduleAsync(string scheduleId, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public sealed class Schedule(FakeBackend backend, string id) : IScheduleGrain
    {
        public Task<ScheduleResult> CreateAsync(ScheduleSpec spec, TargetSpec? inlineTarget, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.CreateSchedule(id, spec, inlineTarget));

        public Task<ScheduleView?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(backend.GetSchedule(id));

        public Task<ScheduleResult> ReplaceAsync(ScheduleSpec spec, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.ReplaceSchedule(id, spec));

        public Task<ScheduleResult> DeleteAsync(CancellationToken cancellationToken = default) => Task.FromResult(backend.DeleteSchedule(id));

        public Task<ScheduleResult> PauseAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.SetStatus(id, ScheduleStatus.Paused));

        public Task<ScheduleResult> ResumeAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.SetStatus(id, ScheduleStatus.Active));

        public Task<TriggerResult> TriggerAsync(CancellationToken cancellationToken = default) => Task.FromResult(backend.Trigger(id));

        public Task<ImmutableArray<UpcomingFire>?> GetUpcomingAsync(int count, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.Upcoming(id, count));

        public Task<MetricsSnapshot?> GetMetricsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.GetSchedule(id) is null ? null : (MetricsSnapshot?)backend.Metrics(id));

        public Task WakeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TakeOverAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CompleteAttemptAsync(AttemptOutcome outcome, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task TargetChangedAsync(TargetSpec? target, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task DeleteWithTargetAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }

    public sealed class Catalog(FakeBackend backend) : ICatalogGrain
    {
        public Task<TargetPage> ListTargetsAsync(TargetQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.ListTargets(query));

        public Task<SchedulePage> ListSchedulesAsync(ScheduleQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.ListSchedules(query));

        public Task<ImmutableArray<UpcomingEntry>> UpcomingAsync(int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult(backend.UpcomingAll(limit));
    }

    public sealed class RunQueries(FakeBackend backend) : IRunQueryGrain
    {
        public Task<RunPage> ListAsync(RunQuery query, CancellationToken cancellationToken = default) => Task.FromResult(backend.ListRuns(query));

        public Task<RunRecord?> GetAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(backend.GetRun(runId));
    }

    public sealed class MetricsOf(FakeBackend backend, string scope) : IMetricsGrain
    {
        public Task RecordAsync(ImmutableArray<RunOutcome> runs, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<MetricsSnapshot> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(backend.Metrics(scope));

        public Task ClearAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
