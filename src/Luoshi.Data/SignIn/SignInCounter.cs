namespace Luoshi.Data.SignIn;

/// <summary>
/// Failed sign-ins counted for one account, address or account-and-address pair, shared by every instance on the database
/// (see the web app's SignInThrottle for what the fields mean). A row is deleted once <see cref="ExpiresAt"/> has passed.
/// </summary>
public sealed class SignInCounter
{
    public const int MaxKeyLength = 300;

    public required string Key { get; set; }

    public int Failures { get; set; }

    public DateTime WindowStart { get; set; }

    public DateTime LockedUntil { get; set; }

    public int AttemptsWhileLocked { get; set; }

    public DateTime ExpiresAt { get; set; }
}
