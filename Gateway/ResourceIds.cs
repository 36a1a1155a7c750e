using System.Security.Cryptography;

namespace OrleansCron.Gateway;

/// <summary>
/// Server-generated ids: a prefix and 26 Crockford base32 characters (48-bit Unix milliseconds, then 80 random
/// bits), as in ULID. Ids sort by creation time, so id-ordered lists read oldest first and keyset pages stay
/// stable, and 80 random bits make collisions between gateways negligible without coordination.
/// </summary>
internal sealed class ResourceIds(TimeProvider timeProvider, Action<Span<byte>> fillRandom)
{
    public const string TargetPrefix = "tgt_";
    public const string SchedulePrefix = "sch_";
    private const int BodyLength = 26;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public ResourceIds(TimeProvider timeProvider)
        : this(timeProvider, RandomNumberGenerator.Fill)
    {
    }

    public string NewTargetId() => New(TargetPrefix);

    public string NewScheduleId() => New(SchedulePrefix);

    public static bool IsTargetId(string? id) => Matches(id, TargetPrefix);

    public static bool IsScheduleId(string? id) => Matches(id, SchedulePrefix);

    private string New(string prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (8 * (5 - i)));
        }

        fillRandom(bytes[6..]);
        var high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        var value = ((UInt128)high << 64) | low;
        Span<char> chars = stackalloc char[prefix.Length + BodyLength];
        prefix.CopyTo(chars);

        // 26 characters carry 130 bits; the top two are always zero, as in ULID.
        for (var i = chars.Length - 1; i >= prefix.Length; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    private static bool Matches(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + BodyLength
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id[prefix.Length] is >= '0' and <= '7'
        && id.AsSpan(prefix.Length).IndexOfAnyExcept(Alphabet) < 0;
}
