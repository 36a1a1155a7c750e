using System.Buffers;
using System.Text;

namespace OrleansCron.Dispatch;

/// <summary>Reads a response body as a stream: counts it, keeps its head as text, and stops past a size limit.</summary>
internal static class ResponseBodyReader
{
    private const int ChunkSize = 16 * 1024;

    public static async Task<ResponseBody> ReadAsync(Stream body, int captureBytes, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var capture = captureBytes > 0 ? ArrayPool<byte>.Shared.Rent(captureBytes) : [];
        try
        {
            long size = 0;
            var captured = 0;
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var keep = Math.Min(read, captureBytes - captured);
                if (keep > 0)
                {
                    chunk.AsSpan(0, keep).CopyTo(capture.AsSpan(captured));
                    captured += keep;
                }

                size += read;
                if (size > maxBytes)
                {
                    return new ResponseBody(size, Decode(capture, captured), TooLarge: true);
                }
            }

            return new ResponseBody(size, Decode(capture, captured), TooLarge: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            if (capture.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(capture);
            }
        }
    }

    private static string? Decode(byte[] capture, int length) =>
        length == 0 ? null : Encoding.UTF8.GetString(capture, 0, length);
}
