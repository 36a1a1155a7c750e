using OrleansCron.Bench.Analysis;

namespace OrleansCron.Bench.Scenarios;

/// <summary>Everything one scenario run measured.</summary>
public sealed record ScenarioResult(
    string Scenario,
    string Mode,
    string Parameters,
    DateTimeOffset RanAt,
    CreationFigures? Creation,
    FireFigures? Service,
    FireFigures? Floor,
    IReadOnlyDictionary<string, string> Extra);
