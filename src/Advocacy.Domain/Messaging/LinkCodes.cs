using System.Security.Cryptography;

namespace Advocacy.Domain.Messaging;

/// <summary>Unguessable short codes for tracked links: 8 characters of base62, about 47 bits.</summary>
public static class LinkCodes
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 8);

    public static bool LooksValid(string? code) => code is { Length: 8 } && code.All(Alphabet.Contains);
}
