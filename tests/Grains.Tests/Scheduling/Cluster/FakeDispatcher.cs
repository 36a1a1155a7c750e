using System.Collections.Concurrent;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Scheduling.Cluster;

/// <summary>Stands in for the HTTP dispatcher: records what the grains hand it; the test decides each outcome.</summary>
internal sealed class FakeDispatcher : IDispatcher
{
    private readonly ConcurrentQueue<DispatchRequest> _requests = new();
    private readonly ConcurrentDictionary<Guid, byte> _open = new();

    public IReadOnlyList<DispatchRequest> Requests => [.. _requests];

    public IReadOnlyList<Guid> Cancelled => [.. _cancelled.Keys];

    private readonly ConcurrentDictionary<Guid, byte> _cancelled = new();

    public void Enqueue(DispatchRequest request)
    {
        _open[request.DispatchId] = 0;
        _requests.Enqueue(request);
    }

    public bool TryCancel(Guid dispatchId)
    {
        if (_open.TryRemove(dispatchId, out _))
        {
            _cancelled[dispatchId] = 0;
            return true;
        }

        return false;
    }

    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancellationToken) => Task.FromResult(true);

    /// <summary>Marks a request as sent: from now on it can no longer be cancelled.</summary>
    public bool MarkSent(Guid dispatchId) => _open.TryRemove(dispatchId, out _);
}
