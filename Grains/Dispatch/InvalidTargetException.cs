namespace OrleansCron.Dispatch;

/// <summary>The target cannot be turned into a request (bad URL or method); the attempt fails without sending.</summary>
internal sealed class InvalidTargetException : Exception
{
    public InvalidTargetException()
    {
    }

    public InvalidTargetException(string message)
        : base(message)
    {
    }

    public InvalidTargetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
