using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Senim.Web.Common;

namespace Senim.Web.Tests.Feedback;

/// <summary>The keyed hashes must never change: every stored phone and network hash, and every survey's duplicate
/// check, compares against hashes written earlier. The expected values are HMAC-SHA256 computed outside .NET
/// (Python's hmac module) with the development key.</summary>
public sealed class ResidentPrivacyTests
{
    private static readonly ResidentPrivacy Privacy = new(Options.Create(new ResidentPrivacyOptions { HashKey = ResidentPrivacy.DevelopmentHashKey }));

    [Fact]
    public void HashesAreTheOnesAlreadyStored()
    {
        Assert.Equal("43a59c6f48ddb31751c0b243d7f6c85ccae87ac8147aee9010843e1bb9e1963b", Privacy.PhoneHash("77011234567"));
        Assert.Equal("5d33211bf567ddc83ae4b1a802576183b5bba0695fcca4c05c52e069f3e23f99", Privacy.Hash("survey-device:abc"));
        // Networks: the /24 of an IPv4 address (also when mapped into IPv6), the /48 of an IPv6 address.
        Assert.Equal("0595cf4f045e8ccfcf81f351d12f81eaeadae14d1f8201e97d9595234ffed58a", Privacy.NetworkHash(IPAddress.Parse("203.0.113.7")));
        Assert.Equal(Privacy.NetworkHash(IPAddress.Parse("203.0.113.7")), Privacy.NetworkHash(IPAddress.Parse("::ffff:203.0.113.250")));
        Assert.Equal("11e72758061d308a52e4cbd123b43775dc9bacf54130f49fae84b34d91c096aa", Privacy.NetworkHash(IPAddress.Parse("2001:db8:1::5")));
        Assert.Equal(Privacy.NetworkHash(IPAddress.Parse("2001:db8:1::5")), Privacy.NetworkHash(IPAddress.Parse("2001:db8:1:ffff::1")));
        Assert.Null(Privacy.NetworkHash(null));
    }

    [Theory]
    [InlineData("+7 701 123 45 67", "77011234567")]
    [InlineData("8 (701) 123-45-67", "77011234567")]
    [InlineData("77011234567", "77011234567")]
    [InlineData("7011234567", "77011234567")]
    [InlineData("+7 601 123 45 67", null)] // Kazakh numbers are 7 then 7xx
    [InlineData("+7 701 123 45", null)] // nine digits
    [InlineData("+7 701 123 45 67 ext", null)]
    [InlineData("   ", null)]
    [InlineData("+7 701 123 45 67                          ", null)] // longer than 30 characters
    public void PhonesAreNormalisedToElevenDigits(string phone, string? expected) => Assert.Equal(expected, ResidentPrivacy.NormalisePhone(phone));

    private static IServiceProvider Services(string environment, string? key)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(key is null ? [] : new Dictionary<string, string?> { ["Feedback:HashKey"] = key }).Build());
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddResidentPrivacy();
        services.AddResidentPrivacy(); // a second feature asking for it changes nothing
        return services.BuildServiceProvider();
    }

    [Fact]
    public void OutsideDevelopmentTheStartFailsWithoutAKeyAndDevelopmentHasItsOwn()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Services("Production", null).GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("HashKey", error.Message, StringComparison.Ordinal);
        Assert.Throws<OptionsValidationException>(() => Services("Production", "too-short").GetRequiredService<IStartupValidator>().Validate());

        var production = Services("Production", "production-test-hash-key-0123456789abcdef");
        production.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotEqual(Privacy.PhoneHash("77011234567"), production.GetRequiredService<ResidentPrivacy>().PhoneHash("77011234567"));

        var development = Services("Development", null);
        development.GetRequiredService<IStartupValidator>().Validate();
        Assert.Equal(Privacy.PhoneHash("77011234567"), development.GetRequiredService<ResidentPrivacy>().PhoneHash("77011234567"));
        Assert.Single(new ServiceCollection().AddResidentPrivacy().AddResidentPrivacy(), d => d.ServiceType == typeof(ResidentPrivacy));
    }
}
