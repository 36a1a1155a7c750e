namespace OrleansCron.Gateway.Contracts;

/// <summary>A manual run that was started; follow <c>Location</c> (/api/v1/runs/{run_id}) for its progress.</summary>
public sealed record TriggerResponse(string RunId, long? Occurrence);
