using OrleansCron.Runs;

namespace OrleansCron.Dispatch;

/// <summary>Why an attempt got no usable response.</summary>
internal readonly record struct AttemptFailure(ErrorClass ErrorClass, string Message);
