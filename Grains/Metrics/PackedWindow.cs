using OrleansCron.Runs;

namespace OrleansCron.Metrics;

/// <summary>
/// The slots of one window of <see cref="PackedMetrics"/>, packed into one byte buffer in ascending period order. A
/// slot is its period (as the step from the slot before), the sum and the maximum of its attempt latencies in
/// microseconds, then its non-zero counters as (key step, count) pairs ending in a 0 step, every number a LEB128
/// varint: a slot holding one run costs about a dozen bytes. Updates merge a sorted batch of increments into the
/// buffer in one pass, dropping the slots that left the window on the way.
/// </summary>
internal sealed class PackedWindow(WindowShape? shape)
{
    /// <summary>Counter keys: run statuses at 0-31, attempt error classes at 32-63, latency buckets from 64.</summary>
    public const int AttemptKeyBase = 32;

    /// <summary>The key of latency bucket 0.</summary>
    public const int LatencyKeyBase = 64;

    [ThreadStatic]
    private static byte[]? _scratch;

    private byte[] _data = [];
    private int _length;

    /// <summary>How slots are cut, or null for a single all-time slot (period 0).</summary>
    public WindowShape? Shape => shape;

    /// <summary>The packed slots.</summary>
    public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, _length);

    /// <summary>The period an instant counts in, or null when it is already out of the window. An instant after
    /// <paramref name="now"/> (another silo's clock running ahead) counts in the current period.</summary>
    public long? PeriodOf(DateTimeOffset at, DateTimeOffset now)
    {
        if (shape is not { } s)
        {
            return 0;
        }

        var period = Math.Min(s.PeriodOf(at), s.PeriodOf(now));
        return s.IsLive(period, now) ? period : null;
    }

    /// <summary>Merges <paramref name="increments"/> (sorted by period, then key) into the slots and drops the slots
    /// that left the window.</summary>
    public void Apply(List<PackedIncrement> increments, DateTimeOffset now)
    {
        var writer = new Writer(_scratch ??= new byte[256]);
        var reader = new Reader(Bytes);
        var hasOld = reader.NextSlot(out var old);
        long written = 0;
        var next = 0;
        while (hasOld || next < increments.Count)
        {
            var period = !hasOld ? increments[next].Period
                : next < increments.Count ? Math.Min(old.Period, increments[next].Period)
                : old.Period;
            var fromOld = hasOld && old.Period == period;
            var end = next;
            while (end < increments.Count && increments[end].Period == period)
            {
                end++;
            }

            if (!IsLive(period, now))
            {
                if (fromOld)
                {
                    reader.SkipCounters();
                }
            }
            else
            {
                var sum = fromOld ? old.LatencySumMicros : 0;
                var max = fromOld ? old.LatencyMaxMicros : 0;
                for (var i = next; i < end; i++)
                {
                    sum += increments[i].LatencySumMicros;
                    max = Math.Max(max, increments[i].LatencyMaxMicros);
                }

                writer.Write((ulong)(period - written));
                writer.Write((ulong)sum);
                writer.Write((ulong)max);
                written = period;
                MergeCounters(ref reader, fromOld, increments, next, end, ref writer);
            }

            next = end;
            if (fromOld)
            {
                hasOld = reader.NextSlot(out old);
            }
        }

        Store(writer.Written);
        _scratch = writer.Buffer;
    }

    /// <summary>Adds the live slots to <paramref name="counters"/>.</summary>
    public void AddTo(MetricsCounters counters, DateTimeOffset now)
    {
        var reader = new Reader(Bytes);
        while (reader.NextSlot(out var slot))
        {
            if (!IsLive(slot.Period, now))
            {
                reader.SkipCounters();
                continue;
            }

            counters.Latency.AddTotals(slot.LatencySumMicros / 1000.0, slot.LatencyMaxMicros / 1000.0);
            while (reader.NextCounter(out var key, out var count))
            {
                if (key < AttemptKeyBase)
                {
                    counters.AddRuns((RunStatus)key, count);
                }
                else if (key < LatencyKeyBase)
                {
                    counters.AddAttempts((ErrorClass)(key - AttemptKeyBase), count);
                }
                else
                {
                    counters.Latency.AddBucket(key - LatencyKeyBase, count);
                }
            }
        }
    }

    /// <summary>Replaces the slots with stored ones.</summary>
    /// <exception cref="FormatException">The bytes are not a well-formed window.</exception>
    public void Load(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        while (reader.NextSlot(out _))
        {
            reader.SkipCounters();
        }

        Store(bytes);
    }

    private bool IsLive(long period, DateTimeOffset now) => shape is not { } s || s.IsLive(period, now);

    private static void MergeCounters(
        ref Reader reader, bool fromOld, List<PackedIncrement> increments, int next, int end, ref Writer writer)
    {
        var oldKey = 0;
        long oldCount = 0;
        var hasOld = fromOld && reader.NextCounter(out oldKey, out oldCount);
        var i = next;
        var lastKey = -1;
        while (true)
        {
            while (i < end && increments[i].Key < 0)
            {
                i++;
            }

            if (!hasOld && i >= end)
            {
                break;
            }

            var key = !hasOld ? increments[i].Key : i < end ? Math.Min(oldKey, increments[i].Key) : oldKey;
            long count = 0;
            if (hasOld && oldKey == key)
            {
                count = oldCount;
                hasOld = reader.NextCounter(out oldKey, out oldCount);
            }

            while (i < end && increments[i].Key == key)
            {
                count += increments[i++].Count;
            }

            if (count > 0)
            {
                writer.Write((ulong)(key - lastKey));
                writer.Write((ulong)count);
                lastKey = key;
            }
        }

        writer.Write(0);
    }

    private void Store(ReadOnlySpan<byte> bytes)
    {
        // Keep the buffer when the result fits: a window in steady state drops a slot and gains one per period.
        if (bytes.Length > _data.Length)
        {
            _data = new byte[bytes.Length + Math.Max(16, bytes.Length / 4)];
        }

        bytes.CopyTo(_data);
        _length = bytes.Length;
    }

    /// <summary>A slot's header as read.</summary>
    private readonly record struct SlotHeader(long Period, long LatencySumMicros, long LatencyMaxMicros);

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;
        private long _period;
        private bool _started;
        private int _key;

        public bool NextSlot(out SlotHeader slot)
        {
            if (_position >= _bytes.Length)
            {
                slot = default;
                return false;
            }

            var step = ReadLong();
            if (_started && step == 0)
            {
                throw new FormatException("The slots of a packed metrics window are not in ascending order.");
            }

            _period += step;
            _started = true;
            _key = -1;
            slot = new SlotHeader(_period, ReadLong(), ReadLong());
            return true;
        }

        public bool NextCounter(out int key, out long count)
        {
            var step = ReadLong();
            if (step == 0)
            {
                key = 0;
                count = 0;
                return false;
            }

            if (step > int.MaxValue - 1 - _key)
            {
                throw new FormatException("A packed metrics counter key is out of range.");
            }

            _key += (int)step;
            key = _key;
            count = ReadLong();
            return true;
        }

        public void SkipCounters()
        {
            while (NextCounter(out _, out _))
            {
            }
        }

        private long ReadLong()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (_position >= _bytes.Length)
                {
                    throw new FormatException("A packed metrics window ends in the middle of a number.");
                }

                var b = _bytes[_position++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value > long.MaxValue
                        ? throw new FormatException("A packed metrics number is out of range.")
                        : (long)value;
                }
            }

            throw new FormatException("A packed metrics number is too long.");
        }
    }

    private ref struct Writer(byte[] buffer)
    {
        private int _position;

        public byte[] Buffer { get; private set; } = buffer;

        public readonly ReadOnlySpan<byte> Written => Buffer.AsSpan(0, _position);

        public void Write(ulong value)
        {
            if (Buffer.Length - _position < 10)
            {
                var grown = new byte[Buffer.Length * 2];
                Buffer.AsSpan(0, _position).CopyTo(grown);
                Buffer = grown;
            }

            while (value >= 0x80)
            {
                Buffer[_position++] = (byte)(value | 0x80);
                value >>= 7;
            }

            Buffer[_position++] = (byte)value;
        }
    }
}

/// <summary>One change to a <see cref="PackedWindow"/>: <paramref name="Count"/> more under <paramref name="Key"/>
/// (none when negative) in <paramref name="Period"/>, plus latency to add to the slot's sum and maximum.</summary>
internal readonly record struct PackedIncrement(long Period, int Key, long Count, long LatencySumMicros, long LatencyMaxMicros)
    : IComparable<PackedIncrement>
{
    public int CompareTo(PackedIncrement other)
    {
        var byPeriod = Period.CompareTo(other.Period);
        return byPeriod != 0 ? byPeriod : Key.CompareTo(other.Key);
    }
}
