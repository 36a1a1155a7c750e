namespace OrleansCron.Metrics;

/// <summary>
/// A ring of slots reused by time: period p lives at index p mod the slot count, and a slot whose period has left the
/// window is cleared when the window is next read or written. Slots are created only when something lands in them.
/// The shape is not stored, so a stored window read with another shape is re-laid out instead of misread.
/// </summary>
[GenerateSerializer, Alias("oc.RollingWindow")]
internal sealed class RollingWindow
{
    [Id(0)]
    public MetricsSlot?[] Slots { get; set; } = [];

    /// <summary>The counters of the slot for <paramref name="at"/>, or null when that instant is already out of the
    /// window. An instant after <paramref name="now"/> (another silo's clock running ahead) counts in the current slot.</summary>
    public MetricsCounters? CountersAt(WindowShape shape, DateTimeOffset at, DateTimeOffset now)
    {
        var period = Math.Min(shape.PeriodOf(at), shape.PeriodOf(now));
        if (!shape.IsLive(period, now))
        {
            return null;
        }

        EnsureLayout(shape);
        var index = (int)(period % shape.SlotCount);
        var slot = Slots[index];
        if (slot is null || slot.Period != period)
        {
            slot = new MetricsSlot { Period = period };
            Slots[index] = slot;
        }

        return slot.Counters;
    }

    /// <summary>Clears every slot that has left the window.</summary>
    public void Prune(WindowShape shape, DateTimeOffset now)
    {
        EnsureLayout(shape);
        for (var i = 0; i < Slots.Length; i++)
        {
            if (Slots[i] is { } slot && !shape.IsLive(slot.Period, now))
            {
                Slots[i] = null;
            }
        }
    }

    /// <summary>The sum of the live slots.</summary>
    public MetricsCounters Sum(WindowShape shape, DateTimeOffset now)
    {
        Prune(shape, now);
        var sum = new MetricsCounters();
        foreach (var slot in Slots)
        {
            if (slot is not null)
            {
                sum.Merge(slot.Counters);
            }
        }

        return sum;
    }

    private void EnsureLayout(WindowShape shape)
    {
        if (Slots.Length == shape.SlotCount)
        {
            return;
        }

        var slots = new MetricsSlot?[shape.SlotCount];
        foreach (var slot in Slots)
        {
            if (slot is not null && slot.Period >= 0)
            {
                var index = (int)(slot.Period % shape.SlotCount);
                if (slots[index] is null || slots[index]!.Period < slot.Period)
                {
                    slots[index] = slot;
                }
            }
        }

        Slots = slots;
    }
}
