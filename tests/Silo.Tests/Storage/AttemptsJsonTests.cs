using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using OrleansCron.Runs;
using OrleansCron.Silo.Storage;
using OrleansCron.Storage;

namespace OrleansCron.Tests.Storage;

public sealed class AttemptsJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 29, 1, 30, 0, 123, TimeSpan.Zero);

    public static TheoryData<double> Durations => [0, 3.5, 1e-7, 123456.789, -1, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    [Fact]
    public void Write_EveryErrorClassAndEmptyValues_IsWhatTheSerializerWrites()
    {
        var attempts = Enum.GetValues<ErrorClass>()
            .Select((error, i) => new AttemptRecord(i + 1, T0.AddSeconds(i), i * 1.25, i % 2 == 0 ? null : 200 + i, i % 3 == 0 ? null : i * 10L, error, i % 2 == 0 ? null : "failed", null))
            .ToImmutableArray();

        AssertSameAsSerializer(attempts);
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void Write_Duration_IsWhatTheSerializerWrites(double duration) =>
        AssertSameAsSerializer([new AttemptRecord(1, T0, duration, 200, 0, ErrorClass.None, null, null)]);

    [Theory]
    [InlineData("ok \"quoted\" é \\ / <tag> & 'x'")]
    [InlineData("line\nbreak\ttab\u0001 \u2028 😀")]
    [InlineData("")]
    public void Write_Text_IsEscapedAsTheSerializerEscapesIt(string text) =>
        AssertSameAsSerializer([new AttemptRecord(2, T0.ToOffset(TimeSpan.FromHours(2)), 1, 503, long.MaxValue, ErrorClass.Http5xx, text, text)]);

    [Fact]
    public void Write_NoAttemptsOrDefault_IsAnEmptyArray()
    {
        Assert.Equal("[]", Write([]));
        Assert.Equal("[]", Write(default));
    }

    [Fact]
    public void Write_AnErrorClassThisVersionDoesNotName_IsWrittenAsItsNumber() =>
        AssertSameAsSerializer([new AttemptRecord(1, T0, 1, null, null, (ErrorClass)42, null, null)]);

    [Fact]
    public void Write_Output_ReadsBackAsTheSameAttempts()
    {
        ImmutableArray<AttemptRecord> attempts = [new(1, T0, 2.5, 200, 12, ErrorClass.None, null, "body é"), new(2, T0.AddSeconds(3), 0.25, null, null, ErrorClass.Interrupted, "cut off", null)];

        var read = JsonSerializer.Deserialize<ImmutableArray<AttemptRecord>>(Write(attempts), StorageJson.Options);

        Assert.Equal(attempts.AsEnumerable(), read.AsEnumerable());
    }

    private static void AssertSameAsSerializer(ImmutableArray<AttemptRecord> attempts) =>
        Assert.Equal(JsonSerializer.Serialize(attempts, StorageJson.Options), Write(attempts));

    private static string Write(ImmutableArray<AttemptRecord> attempts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = StorageJson.Options.Encoder, SkipValidation = true }))
        {
            AttemptsJson.Write(writer, attempts);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
