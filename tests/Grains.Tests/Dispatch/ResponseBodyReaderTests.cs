using System.Text;
using OrleansCron.Dispatch;

namespace OrleansCron.Tests.Dispatch;

public sealed class ResponseBodyReaderTests
{
    [Fact]
    public async Task ReadAsync_BodyLongerThanCapture_CountsAllAndKeepsHead()
    {
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(new string('a', 50_000) + "tail"));

        var read = await ReadAsync(body, captureBytes: 10, maxBytes: 100_000);

        Assert.Equal(new ResponseBody(50_004, "aaaaaaaaaa", TooLarge: false), read);
    }

    [Fact]
    public async Task ReadAsync_BodyPastLimit_StopsAndFlagsTooLarge()
    {
        using var body = new MemoryStream(new byte[200_000]);

        var read = await ReadAsync(body, captureBytes: 4, maxBytes: 1000);

        Assert.True(read.TooLarge);
        Assert.InRange(read.Size, 1001, 16 * 1024);
        Assert.Equal(4, read.Text!.Length);
    }

    [Fact]
    public async Task ReadAsync_BodyExactlyAtLimit_IsNotTooLarge()
    {
        using var body = new MemoryStream(new byte[1000]);

        var read = await ReadAsync(body, captureBytes: 0, maxBytes: 1000);

        Assert.Equal(new ResponseBody(1000, null, TooLarge: false), read);
    }

    [Fact]
    public async Task ReadAsync_InvalidUtf8_ReplacesInvalidBytes()
    {
        using var body = new MemoryStream([0x6F, 0x6B, 0xFF]);

        var read = await ReadAsync(body, captureBytes: 16, maxBytes: 1000);

        Assert.Equal("ok\uFFFD", read.Text);
    }

    [Fact]
    public async Task ReadAsync_EmptyBody_HasNoText()
    {
        using var body = new MemoryStream();

        var read = await ReadAsync(body, captureBytes: 16, maxBytes: 1000);

        Assert.Equal(new ResponseBody(0, null, TooLarge: false), read);
    }

    private static Task<ResponseBody> ReadAsync(Stream body, int captureBytes, long maxBytes) =>
        ResponseBodyReader.ReadAsync(body, captureBytes, maxBytes, CancellationToken.None);
}
