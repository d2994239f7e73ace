using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Senim.Web.Features.Identity;

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string Header = "X-Api-Key";

    /// <summary>A new key: "snm_" + 40 random base32 characters (200 bits). Only its SHA-256 is stored.</summary>
    public static string NewKey()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<byte> bytes = stackalloc byte[40];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[40];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[bytes[i] & 31];
        return "snm_" + new string(chars);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key.Length <= 12 ? key : key[..12];
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SenimDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return AuthenticateResult.NoResult();
        var key = values[0]!;
        if (key.Length > 200) return AuthenticateResult.Fail("invalid key");
        var hash = ApiKeys.Hash(key);
        var found = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Hash == hash && k.RevokedAt == null)
            .Select(k => new { k.Id, k.Name })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null) return AuthenticateResult.Fail("invalid key");
        await db.ApiKeys.Where(k => k.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, clock.GetUtcNow().UtcDateTime), Context.RequestAborted);
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.Id.ToString()),
            new Claim(ClaimTypes.Name, "api:" + found.Name),
            new Claim(ClaimTypes.Role, Roles.System),
        ], ApiKeys.Scheme);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeys.Scheme));
    }
}
