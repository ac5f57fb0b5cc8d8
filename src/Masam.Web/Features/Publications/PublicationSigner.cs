using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Masam.Web.Features.Publications;

/// <summary>
/// Signs manifests with the configured ECDSA P-256 key (SHA-256, IEEE P1363 signature, base64),
/// and gives its public key (PEM) for anyone to verify with. Without a key, nothing is signed.
/// </summary>
public sealed class PublicationSigner : IDisposable
{
    private readonly ECDsa? _key;

    public PublicationSigner(IOptions<PublicationOptions> options, IHostEnvironment environment)
    {
        if (options.Value.SigningKeyPath is { Length: > 0 } configured)
        {
            var path = Path.IsPathRooted(configured) ? configured : Path.Combine(environment.ContentRootPath, configured);
            if (options.Value.CreateMissingSigningKey && environment.IsDevelopment() && !File.Exists(path))
            {
                CreateKey(path);
            }

            _key = ECDsa.Create();
            _key.ImportFromPem(File.ReadAllText(path));
            if (_key.KeySize != 256)
            {
                throw new InvalidOperationException($"The signing key in {path} is not an ECDSA P-256 key.");
            }

            PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
            KeyId = PublicationChain.Sha256(_key.ExportSubjectPublicKeyInfo())[..16];
        }
    }

    public string? PublicKeyPem { get; }

    private static void CreateKey(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(path, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The first 16 hex digits of the SHA-256 of the public key.</summary>
    public string? KeyId { get; }

    public string? Sign(byte[] manifest) => _key is null ? null : Convert.ToBase64String(_key.SignData(manifest, HashAlgorithmName.SHA256));

    public static bool Verify(string publicKeyPem, byte[] manifest, string signature)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyData(manifest, Convert.FromBase64String(signature), HashAlgorithmName.SHA256);
    }

    public void Dispose() => _key?.Dispose();
}
