namespace OrleansCron.Runs;

/// <summary>Why an attempt failed.</summary>
public enum ErrorClass
{
    /// <summary>It did not fail.</summary>
    None = 0,
    /// <summary>No response within the target's timeout.</summary>
    Timeout = 1,
    /// <summary>The host name did not resolve.</summary>
    Dns = 2,
    /// <summary>The connection was refused, reset or could not be made.</summary>
    Connection = 3,
    /// <summary>The TLS handshake failed.</summary>
    Tls = 4,
    /// <summary>The target answered with a 4xx status.</summary>
    Http4xx = 5,
    /// <summary>The target answered with a 5xx status.</summary>
    Http5xx = 6,
    /// <summary>The response body was larger than allowed.</summary>
    ResponseTooLarge = 7,
    /// <summary>Anything else, including a status outside the success codes that is neither 4xx nor 5xx.</summary>
    Unknown = 8,
    /// <summary>A crash cut the attempt off; whether the target saw it is unknown.</summary>
    Interrupted = 9,
    /// <summary>Refused before sending: the address is not allowed.</summary>
    Blocked = 10,
}
