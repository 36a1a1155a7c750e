using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansCron.Storage;

/// <summary>The one JSON shape of everything we store ourselves (grain state, attempts, catalog views):
/// camelCase names, enums as camelCase strings, no CLR type names. Changing it changes stored rows.</summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: true));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
