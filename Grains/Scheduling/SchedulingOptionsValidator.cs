using Microsoft.Extensions.Options;

namespace OrleansCron.Scheduling;

/// <summary>Checks the <c>[Range]</c> attributes of <see cref="SchedulingOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>;
