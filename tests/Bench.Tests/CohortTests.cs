using OrleansCron.Bench.Plans;

namespace OrleansCron.Bench.Tests;

/// <summary>The due instants the benchmark expects; the figures are only as right as this count.</summary>
public sealed class CohortTests
{
    [Fact]
    public void CountIn_SpreadCohort_CountsEachPhaseOncePerPeriod()
    {
        var cohort = new Cohort(CohortKind.Spread, 4, 10_000, 1_000_000);

        var counts = Enumerable.Range(0, 4).Select(i => cohort.CountIn(i, 1_000_000, 1_020_000)).ToList();

        Assert.Equal([2L, 2L, 2L, 2L], counts);
        Assert.Equal(1_007_500, cohort.PhaseOf(3));
    }

    [Fact]
    public void FirstAtOrAfter_AlignedCohort_LandsOnTheGrid()
    {
        var cohort = new Cohort(CohortKind.Aligned, 10, 5_000, 0);

        var first = cohort.FirstAtOrAfter(3, 1_000_001);

        Assert.Equal(1_005_000, first);
        Assert.True(cohort.IsInstant(7, 1_005_000));
        Assert.False(cohort.IsInstant(7, 1_005_001));
    }

    [Fact]
    public void CountIn_OnceCohortOutsideWindow_IsZero()
    {
        var cohort = new Cohort(CohortKind.Once, 3, 0, 2_000);

        var inside = cohort.CountIn(0, 2_000, 2_001);
        var outside = cohort.CountIn(0, 2_001, 3_000);

        Assert.Equal(1, inside);
        Assert.Equal(0, outside);
    }
}
