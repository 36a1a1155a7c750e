namespace OrleansCron.Scheduling;

/// <summary>Randomness for retry jitter, injected so that tests can fix it.</summary>
internal interface IJitterSource
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}
