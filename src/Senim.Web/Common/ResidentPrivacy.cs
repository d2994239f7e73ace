using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Senim.Web.Common;

/// <summary>The secret of the keyed hashes. Its configuration name is <c>Feedback:HashKey</c> (environment
/// <c>Feedback__HashKey</c>), where it has always been: changing the key or its name would orphan every stored hash.</summary>
public sealed class ResidentPrivacyOptions
{
    public const string Section = "Feedback";

    /// <summary>Secret for the keyed hashes of phone numbers and networks. Must be set outside Development.</summary>
    [Required, MinLength(32)] public string HashKey { get; set; } = "";
}

/// <summary>What Senim keeps of a resident: never a phone number or an address, only keyed hashes of them (HMAC-SHA256
/// with a server secret, so a hash cannot be reversed by trying every Kazakh number without the key). A hash is the same
/// in every feature, so a phone seen by Feedback and by Surveys is the same phone to both.</summary>
public sealed class ResidentPrivacy(IOptions<ResidentPrivacyOptions> options)
{
    /// <summary>Development runs with a fixed, public key so that demo data is reproducible; everywhere else
    /// Feedback:HashKey must be configured (start-up fails otherwise).</summary>
    public const string DevelopmentHashKey = "senim-development-only-hash-key-0123456789";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.HashKey);

    /// <summary>Lower-case hex of HMAC-SHA256(key, UTF-8 of <paramref name="value"/>). The callers prefix the value with
    /// its kind ("phone:", "net:", "survey-device:") so that equal strings of different kinds never share a hash.</summary>
    public string Hash(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value)));

    /// <summary>The hash of a phone number already normalised by <see cref="NormalisePhone"/>.</summary>
    public string PhoneHash(string normalisedPhone) => Hash("phone:" + normalisedPhone);

    /// <summary>The network a request came from (IPv4 /24, IPv6 /48), hashed: enough to see many ratings from one
    /// place, not enough to identify a person.</summary>
    public string? NetworkHash(IPAddress? ip)
    {
        if (ip is null) return null;
        if (ip.IsIPv4MappedToIPv6) ip = ip.MapToIPv4();
        var bytes = ip.GetAddressBytes();
        var prefix = bytes.Length == 4 ? bytes[..3] : bytes[..6];
        return Hash("net:" + Convert.ToHexString(prefix));
    }

    /// <summary>Kazakhstan numbers: +7 / 8 followed by 10 digits; stored only as a keyed hash of "7XXXXXXXXXX".</summary>
    public static string? NormalisePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 30) return null;
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (phone.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+'))) return null;
        if (digits.Length == 11 && (digits[0] == '8' || digits[0] == '7')) digits = "7" + digits[1..];
        else if (digits.Length == 10) digits = "7" + digits;
        return digits.Length == 11 && digits[1] == '7' ? digits : null;
    }
}

public static class ResidentPrivacyServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ResidentPrivacy"/> once, whichever feature asks first; the key is checked at
    /// start-up.</summary>
    public static IServiceCollection AddResidentPrivacy(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ResidentPrivacy))) return services;
        services.AddOptions<ResidentPrivacyOptions>().BindConfiguration(ResidentPrivacyOptions.Section)
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                if (string.IsNullOrEmpty(o.HashKey) && env.IsDevelopment()) o.HashKey = ResidentPrivacy.DevelopmentHashKey;
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ResidentPrivacy>();
        return services;
    }
}
