using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OrleansCron.Metrics;

/// <summary>Checks the <see cref="RangeAttribute"/>s of <see cref="MetricsOptions"/> (the Grains project does not carry
/// the DataAnnotations options package) and the rules between fields.</summary>
internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results.Select(r => $"{MetricsDefaults.SectionName}: {r.ErrorMessage}").ToList();
        if (options.MaxBatchSize > options.MaxBufferedOutcomes)
        {
            failures.Add($"{MetricsDefaults.SectionName}: {nameof(MetricsOptions.MaxBatchSize)} ({options.MaxBatchSize}) " +
                $"must not exceed {nameof(MetricsOptions.MaxBufferedOutcomes)} ({options.MaxBufferedOutcomes}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
