using System.Text.Json;
using Orleans.Storage;
using OrleansCron.Storage;

namespace OrleansCron.Silo.Storage;

/// <summary>
/// Grain state as plain JSON (<see cref="StorageJson"/>). Unlike the default Orleans JSON serializer it embeds
/// no CLR type names, so renaming or moving a state class does not orphan stored rows.
/// </summary>
internal sealed class JsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, StorageJson.Options));

    public T Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize<T>(input.ToMemory().Span, StorageJson.Options)
            ?? throw new JsonException($"Stored state of {typeof(T).Name} is null.");
    }
}
