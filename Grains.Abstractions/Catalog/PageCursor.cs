using System.Globalization;
using System.Text;

namespace OrleansCron.Catalog;

/// <summary>
/// An opaque keyset cursor: the sort position and id of the last item of a page. Keyset (not offset)
/// paging keeps pages stable while rows are being added.
/// </summary>
/// <param name="Position">The sort key of the last item (for runs, scheduled-at in Unix milliseconds).</param>
/// <param name="Id">The id of the last item, which breaks ties.</param>
public sealed record PageCursor(long Position, string Id)
{
    private const string Version = "1";

    /// <summary>The cursor as a URL-safe string.</summary>
    public string Encode()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Version}|{Position}|{Id}");
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a cursor made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string? value, out PageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value) || value.Length > 2048)
        {
            return false;
        }

        var base64 = value.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(bytes, 0, written).Split('|', 3);
        if (parts.Length != 3 || parts[0] != Version
            || !long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var position)
            || parts[2].Length == 0)
        {
            return false;
        }

        cursor = new PageCursor(position, parts[2]);
        return true;
    }
}
