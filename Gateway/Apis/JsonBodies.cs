namespace OrleansCron.Gateway.Apis;

/// <summary>Media types request bodies may have.</summary>
internal static class JsonBodies
{
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";
}
