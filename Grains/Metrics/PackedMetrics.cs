using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using OrleansCron.Runs;
using OrleansCron.Storage;

namespace OrleansCron.Metrics;

/// <summary>
/// One schedule's metrics, counted as <see cref="MetricsState"/> counts them (all time, the last hour by minute, the
/// last day by hour) but kept in three <see cref="PackedWindow"/> byte buffers. Every active schedule holds one in
/// memory and saves it after each run, so its size is paid a hundred thousand times over: a schedule firing every
/// minute for a day holds its 85 slots in about 1.9 KB here, against seven objects per slot (about 300 bytes) in
/// <see cref="MetricsState"/>, and stores them in about 2.5 KB of text instead of about 15 KB of JSON. Latency sums
/// and maxima are kept in whole microseconds.
/// </summary>
internal sealed class PackedMetrics
{
    private const string Prefix = "p1:";

    [ThreadStatic]
    private static List<PackedIncrement>? _increments;

    private readonly PackedWindow _allTime = new(null);
    private readonly PackedWindow _lastHour = new(WindowShape.LastHour);
    private readonly PackedWindow _lastDay = new(WindowShape.LastDay);

    /// <summary>The bytes the slots take (the buffers' own overhead apart).</summary>
    public int PackedBytes => _allTime.Bytes.Length + _lastHour.Bytes.Length + _lastDay.Bytes.Length;

    /// <summary>Adds finished runs: a run counts in the windows at its finish, an attempt at its start.</summary>
    public void Record(ImmutableArray<RunOutcome> runs, DateTimeOffset now)
    {
        ReadOnlySpan<PackedWindow> windows = [_allTime, _lastHour, _lastDay];
        foreach (var window in windows)
        {
            var increments = Scratch();
            foreach (var run in runs)
            {
                AddRun(window, run, now, increments);
            }

            increments.Sort();
            window.Apply(increments, now);
        }
    }

    public MetricsSnapshot ToSnapshot(string scope, DateTimeOffset now) => new(
        scope,
        now,
        Sum(_allTime, now).ToWindow(),
        Sum(_lastHour, now).ToWindow(),
        Sum(_lastDay, now).ToWindow());

    /// <summary>The stored form: a version prefix, then base64 of each window's slot length in seconds (0 for all
    /// time), byte count and bytes.</summary>
    public string Encode()
    {
        // Saved after every run of every schedule: the text is the only allocation (the bytes are pooled).
        ReadOnlySpan<PackedWindow> windows = [_allTime, _lastHour, _lastDay];
        var length = 0;
        foreach (var window in windows)
        {
            length += 8 + window.Bytes.Length;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var position = 0;
            foreach (var window in windows)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position), SlotSeconds(window.Shape));
                BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(position + 4), window.Bytes.Length);
                window.Bytes.CopyTo(bytes.AsSpan(position + 8));
                position += 8 + window.Bytes.Length;
            }

            return string.Create(Prefix.Length + ((length + 2) / 3 * 4), (bytes, length), static (text, packed) =>
            {
                Prefix.CopyTo(text);
                Convert.TryToBase64Chars(packed.bytes.AsSpan(0, packed.length), text[Prefix.Length..], out _);
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>Reads what <see cref="Encode"/> wrote, or the JSON of a <see cref="MetricsState"/> that schedules
    /// stored before. A window stored with another slot length than today's is left out: metrics are derived, and a
    /// window cut differently cannot be re-cut.</summary>
    /// <exception cref="FormatException">The payload is neither.</exception>
    /// <exception cref="JsonException">The payload is JSON but not a <see cref="MetricsState"/>.</exception>
    public static PackedMetrics Decode(string payload, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(payload);
        if (payload.StartsWith('{'))
        {
            var state = JsonSerializer.Deserialize<MetricsState>(payload, StorageJson.Options)
                ?? throw new FormatException("The stored metrics are JSON null.");
            return FromState(state, now);
        }

        if (!payload.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException("The stored metrics are in no known format.");
        }

        var bytes = Convert.FromBase64String(payload[Prefix.Length..]).AsSpan();
        var metrics = new PackedMetrics();
        ReadOnlySpan<PackedWindow> windows = [metrics._allTime, metrics._lastHour, metrics._lastDay];
        foreach (var window in windows)
        {
            if (bytes.Length < 8)
            {
                throw new FormatException("The stored metrics end early.");
            }

            var seconds = BinaryPrimitives.ReadInt32LittleEndian(bytes);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
            if (length < 0 || length > bytes.Length - 8)
            {
                throw new FormatException("The stored metrics end early.");
            }

            if (seconds == SlotSeconds(window.Shape))
            {
                window.Load(bytes.Slice(8, length));
            }

            bytes = bytes[(8 + length)..];
        }

        return metrics;
    }

    /// <summary>The same counts as <paramref name="state"/>, packed (slots already out of their window left out).</summary>
    public static PackedMetrics FromState(MetricsState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var metrics = new PackedMetrics();
        Load(metrics._allTime, [new MetricsSlot { Period = 0, Counters = state.AllTime }], now);
        Load(metrics._lastHour, state.LastHour?.Slots ?? [], now);
        Load(metrics._lastDay, state.LastDay?.Slots ?? [], now);
        return metrics;
    }

    private static void Load(PackedWindow window, MetricsSlot?[] slots, DateTimeOffset now)
    {
        var increments = Scratch();
        foreach (var slot in slots)
        {
            if (slot is not { Counters: { } counters } || slot.Period < 0)
            {
                continue;
            }

            for (var i = 0; i < counters.Runs.Length; i++)
            {
                increments.Add(new(slot.Period, i, counters.Runs[i], 0, 0));
            }

            for (var i = 0; i < counters.Attempts.Length; i++)
            {
                increments.Add(new(slot.Period, PackedWindow.AttemptKeyBase + i, counters.Attempts[i], 0, 0));
            }

            var latency = counters.Latency;
            for (var i = 0; i < latency.Buckets.Length && i < latency.Counts.Length; i++)
            {
                increments.Add(new(slot.Period, PackedWindow.LatencyKeyBase + latency.Buckets[i], latency.Counts[i], 0, 0));
            }

            increments.Add(new(slot.Period, -1, 0, Micros(latency.Sum), Micros(latency.Max)));
        }

        increments.Sort();
        window.Apply(increments, now);
    }

    private static void AddRun(PackedWindow window, RunOutcome run, DateTimeOffset now, List<PackedIncrement> increments)
    {
        if (window.PeriodOf(run.FinishedAt, now) is { } finished)
        {
            increments.Add(new(finished, (int)run.Status, 1, 0, 0));
        }

        if (run.Attempts.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var attempt in run.Attempts)
        {
            if (window.PeriodOf(attempt.StartedAt, now) is not { } started)
            {
                continue;
            }

            increments.Add(new(started, PackedWindow.AttemptKeyBase + (int)attempt.ErrorClass, 1, 0, 0));

            // As in MetricsCounters.AddAttempt: blocked and interrupted attempts say nothing about the target's latency.
            if (attempt.ErrorClass is not (ErrorClass.Blocked or ErrorClass.Interrupted))
            {
                var ms = double.IsFinite(attempt.DurationMs) && attempt.DurationMs > 0 ? attempt.DurationMs : 0;
                var micros = Micros(ms);
                increments.Add(new(started, PackedWindow.LatencyKeyBase + LatencyBuckets.IndexOf(ms), 1, micros, micros));
            }
        }
    }

    private static MetricsCounters Sum(PackedWindow window, DateTimeOffset now)
    {
        var counters = new MetricsCounters();
        window.AddTo(counters, now);
        return counters;
    }

    private static List<PackedIncrement> Scratch()
    {
        var increments = _increments ??= [];
        increments.Clear();
        return increments;
    }

    // Up to about 30 years in microseconds; anything longer is a broken clock, not a latency.
    private static long Micros(double ms) =>
        double.IsFinite(ms) && ms > 0 ? (long)Math.Round(Math.Min(ms, 1e12) * 1000) : 0;

    private static int SlotSeconds(WindowShape? shape) => shape is { } s ? (int)s.SlotLength.TotalSeconds : 0;
}
