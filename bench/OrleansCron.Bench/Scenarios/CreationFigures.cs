namespace OrleansCron.Bench.Scenarios;

/// <summary>How long registering the schedules took through the API.</summary>
public sealed record CreationFigures(int Schedules, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double PerSecond => Seconds <= 0 ? 0 : Schedules / Seconds;
}
