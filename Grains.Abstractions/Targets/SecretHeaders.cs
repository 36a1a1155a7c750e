namespace OrleansCron.Targets;

/// <summary>Which header values are secrets: never echoed back, kept when a client sends the mask back.</summary>
public static class SecretHeaders
{
    /// <summary>What a secret value reads as in every view.</summary>
    public const string Mask = "********";

    private static readonly string[] SecretFragments = ["auth", "token", "secret", "key", "password", "cookie", "signature"];

    /// <summary>True when values of the header <paramref name="name"/> are treated as secrets.</summary>
    public static bool IsSecret(string name) =>
        SecretFragments.Any(fragment => name.Contains(fragment, StringComparison.OrdinalIgnoreCase));
}
