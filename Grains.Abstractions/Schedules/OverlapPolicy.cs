namespace OrleansCron.Schedules;

/// <summary>What happens to an occurrence that comes due while the previous run is still going.</summary>
public enum OverlapPolicy
{
    /// <summary>Record it as skipped and send nothing.</summary>
    Skip = 1,
    /// <summary>Keep one waiting and fire it when the running one ends; skip any further ones.</summary>
    BufferOne = 2,
    /// <summary>Fire it alongside.</summary>
    Allow = 3,
}
