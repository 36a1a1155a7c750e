namespace OrleansCron.Dispatch;

/// <summary>What was read of a response body.</summary>
/// <param name="Size">Bytes read; past the limit, the bytes read before stopping.</param>
/// <param name="Text">The first bytes as UTF-8 text (invalid sequences replaced), or null when none were kept.</param>
/// <param name="TooLarge">The body was longer than allowed and was not read to the end.</param>
internal readonly record struct ResponseBody(long Size, string? Text, bool TooLarge);
