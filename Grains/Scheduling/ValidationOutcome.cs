using System.Diagnostics.CodeAnalysis;

namespace OrleansCron.Scheduling;

/// <summary>Shorthand for the (field, error) pair that spec validation returns, so each rule fits one expression.</summary>
internal static class ValidationOutcome
{
    public static bool Fail(string badField, string message, [NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        field = badField;
        error = message;
        return false;
    }

    public static bool Ok([NotNullWhen(false)] out string? field, [NotNullWhen(false)] out string? error)
    {
        field = null;
        error = null;
        return true;
    }
}
