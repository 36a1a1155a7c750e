using System.Globalization;

namespace OrleansCron.Bench.Floor;

/// <summary>Sends each fire to the sink with the same headers the service sends, open loop: nothing waits for a send.</summary>
internal sealed class FloorSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly Uri _target;
    private int _inFlight;
    private int _schedulesLeft;
    private long _failures;

    public FloorSender(Uri target, int schedules)
    {
        _target = target;
        _schedulesLeft = schedules;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseProxy = false,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
    }

    public bool Finished => Volatile.Read(ref _schedulesLeft) == 0 && Volatile.Read(ref _inFlight) == 0;

    public long Failures => Interlocked.Read(ref _failures);

    public void Send(string scheduleId, long scheduledMs) => _ = SendAsync(scheduleId, scheduledMs);

    public void ScheduleDone() => Interlocked.Decrement(ref _schedulesLeft);

    private async Task SendAsync(string scheduleId, long scheduledMs)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _target);
            request.Headers.TryAddWithoutValidation("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"{scheduleId}:{scheduledMs}"));
            request.Headers.TryAddWithoutValidation("OrleansCron-Schedule-Id", scheduleId);
            request.Headers.TryAddWithoutValidation(
                "OrleansCron-Scheduled-At",
                DateTimeOffset.FromUnixTimeMilliseconds(scheduledMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failures);
        }
        catch (TaskCanceledException)
        {
            Interlocked.Increment(ref _failures);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public void Dispose() => _client.Dispose();
}
