namespace OrleansCron.Tests.Storage;

/// <summary>An enum in probe state, to see how the state serializer writes enums.</summary>
public enum ProbeMood
{
    Calm = 1,
    Cheerful = 2,
}
