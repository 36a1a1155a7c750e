using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace OrleansCron.Bench.Sink;

/// <summary>Every recorded request, kept in memory until the driver collects and clears them.</summary>
internal sealed class RecordStore
{
    private ConcurrentQueue<SinkRecord> _records = new();

    public void Add(SinkRecord record) => _records.Enqueue(record);

    public int Count => _records.Count;

    /// <summary>The records so far, in arrival order (a snapshot: later ones are not in it).</summary>
    public SinkRecord[] Snapshot() => _records.ToArray();

    /// <summary>Tab-separated lines: source, key, schedule id, scheduled (Unix ms), arrived (Unix µs), of the
    /// <paramref name="records"/> from position <paramref name="after"/> on.</summary>
    public static async Task WriteAsync(Stream output, SinkRecord[] records, int after, string? source, CancellationToken cancellationToken)
    {
        var builder = new StringBuilder(64 * 1024);
        await using var writer = new StreamWriter(output, Encoding.UTF8, 64 * 1024, leaveOpen: true);
        for (var i = Math.Clamp(after, 0, records.Length); i < records.Length; i++)
        {
            var record = records[i];
            if (source is not null && record.Source != source)
            {
                continue;
            }

            builder.Append(record.Source).Append('\t')
                .Append(record.Key).Append('\t')
                .Append(record.ScheduleId).Append('\t')
                .Append(record.ScheduledUnixMs.ToString(CultureInfo.InvariantCulture)).Append('\t')
                .Append(record.ArrivedUnixMicros.ToString(CultureInfo.InvariantCulture)).Append('\n');
            if (builder.Length > 60 * 1024)
            {
                await writer.WriteAsync(builder, cancellationToken);
                builder.Clear();
            }
        }

        await writer.WriteAsync(builder, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }

    public void Clear() => Interlocked.Exchange(ref _records, new ConcurrentQueue<SinkRecord>());
}
