using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MultiAsset.Host.Control.Security;

/// <summary>
/// The certificate both control listeners serve when <c>control.tls</c> is configured: REST becomes https (HTTP/1.1)
/// and gRPC becomes HTTP/2 over TLS. The API key check is unchanged; TLS only keeps the key and the figures off the
/// wire in clear text.
/// </summary>
/// <param name="Certificate">The server certificate, with its private key.</param>
public sealed record ControlTls(X509Certificate2 Certificate)
{
    /// <summary>
    /// Loads the certificate configured as a PKCS#12 file (<paramref name="keyPath"/> null, <paramref name="password"/>
    /// optional) or as PEM certificate + PEM private key files (<paramref name="password"/> decrypts an encrypted key).
    /// </summary>
    /// <exception cref="CryptographicException">The files are not a certificate with a usable private key.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static ControlTls Load(string certificatePath, string? keyPath, string? password)
    {
        ArgumentNullException.ThrowIfNull(certificatePath);
        var certificate = keyPath is null
            ? X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password)
            : password is null
                ? X509Certificate2.CreateFromPemFile(certificatePath, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(certificatePath, password, keyPath);
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new CryptographicException("the certificate has no private key (a server certificate needs one)");
        }

        return new ControlTls(certificate);
    }
}
