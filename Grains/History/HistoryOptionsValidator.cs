using Microsoft.Extensions.Options;

namespace OrleansCron.History;

/// <summary>Checks the <c>[Range]</c> attributes of <see cref="HistoryOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class HistoryOptionsValidator : IValidateOptions<HistoryOptions>;
