namespace Luoshi.Data.Idempotency;

/// <summary>
/// The answer given to a request sent with an Idempotency-Key, kept so that the same request sent again gets the same
/// answer, and a different request with the same key is recognised.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>The longest key a client may send.</summary>
    public const int MaxKeyLength = 100;

    public long Id { get; set; }

    /// <summary>Whose key it is: keys of different users never meet.</summary>
    public int UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 (hex) of the method, path, query and body the key was first sent with.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public string? Location { get; set; }

    public string Body { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
