namespace MultiAsset.Host.Control.Security;

/// <summary>One accepted API key as configured: only its SHA-256 is stored.</summary>
/// <param name="Name">Who holds it (logs, errors).</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the key's UTF-8 text.</param>
/// <param name="Role">What it may do.</param>
/// <param name="Accounts">The accounts it may see and touch; null = all.</param>
public sealed record ApiKeyEntry(string Name, string Sha256, ControlRole Role, IReadOnlyList<string>? Accounts);
