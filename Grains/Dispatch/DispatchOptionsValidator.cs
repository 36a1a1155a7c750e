using Microsoft.Extensions.Options;

namespace OrleansCron.Dispatch;

/// <summary>Checks the <c>[Range]</c> attributes of <see cref="DispatchOptions"/> (source-generated, no reflection).</summary>
[OptionsValidator]
internal sealed partial class DispatchOptionsValidator : IValidateOptions<DispatchOptions>;
