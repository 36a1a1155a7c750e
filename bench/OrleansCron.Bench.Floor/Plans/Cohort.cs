using System.Globalization;

namespace OrleansCron.Bench.Plans;

/// <summary>
/// A group of schedules of one shape, and the instants each is due at (Unix milliseconds). The driver, the
/// analysis and the floor all derive due instants from this one type, so they count the same fires.
/// </summary>
/// <param name="Kind">The layout.</param>
/// <param name="Count">How many schedules.</param>
/// <param name="PeriodMs">Spread and aligned: the period (aligned: whole seconds that divide a minute).</param>
/// <param name="AnchorUnixMs">Spread: schedule 0's first instant; once: the instant; aligned: when they start (their
/// start_at; 0 for none). Aligned instants stay on the grid whatever the anchor.</param>
public sealed record Cohort(CohortKind Kind, int Count, long PeriodMs, long AnchorUnixMs)
{
    /// <summary>Schedule <paramref name="index"/>'s first instant (spread: anchor + index * period / count).</summary>
    public long PhaseOf(int index) => Kind switch
    {
        CohortKind.Spread => AnchorUnixMs + (index * PeriodMs / Count),
        CohortKind.Aligned => 0,
        _ => AnchorUnixMs,
    };

    /// <summary>The first instant of schedule <paramref name="index"/> at or after <paramref name="fromMs"/>, or null.</summary>
    public long? FirstAtOrAfter(int index, long fromMs)
    {
        var phase = PhaseOf(index);
        if (Kind == CohortKind.Once)
        {
            return phase >= fromMs ? phase : null;
        }

        if (fromMs <= phase)
        {
            return phase;
        }

        var steps = (fromMs - phase + PeriodMs - 1) / PeriodMs;
        return phase + (steps * PeriodMs);
    }

    /// <summary>How many instants of schedule <paramref name="index"/> fall in [from, to).</summary>
    public long CountIn(int index, long fromMs, long toMs)
    {
        if (FirstAtOrAfter(index, fromMs) is not { } first || first >= toMs)
        {
            return 0;
        }

        return Kind == CohortKind.Once ? 1 : ((toMs - 1 - first) / PeriodMs) + 1;
    }

    /// <summary>Whether <paramref name="instantMs"/> is one of schedule <paramref name="index"/>'s instants.</summary>
    public bool IsInstant(int index, long instantMs)
    {
        var phase = PhaseOf(index);
        return Kind == CohortKind.Once ? instantMs == phase : instantMs >= phase && (instantMs - phase) % PeriodMs == 0;
    }

    /// <summary>The same cohort moved by <paramref name="deltaMs"/> (aligned cohorts stay on their grid).</summary>
    public Cohort Shift(long deltaMs) => Kind == CohortKind.Aligned ? this : this with { AnchorUnixMs = AnchorUnixMs + deltaMs };

    /// <summary>kind:count:period:anchor, the floor's command-line form.</summary>
    public string ToArgument() => string.Create(
        CultureInfo.InvariantCulture, $"{Kind}:{Count}:{PeriodMs}:{AnchorUnixMs}");

    public static Cohort Parse(string argument)
    {
        var parts = argument.Split(':');
        return new Cohort(
            Enum.Parse<CohortKind>(parts[0]),
            int.Parse(parts[1], CultureInfo.InvariantCulture),
            long.Parse(parts[2], CultureInfo.InvariantCulture),
            long.Parse(parts[3], CultureInfo.InvariantCulture));
    }
}
