using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

/// <summary>A clock the test moves by hand; the application reads it through <see cref="TimeProvider"/>.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>The same application and database with some services replaced, and sign-in through the real form.</summary>
public abstract class OverriddenApp(SenimApp app, Action<IServiceCollection> replace) : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory = app.WithWebHostBuilder(b => b.ConfigureTestServices(replace));

    public async Task<HttpClient> SignInAsync(string userName, string culture = "en")
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        var response = await SenimApp.PostFormAsync(client, "/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = DemoAccounts.Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _factory.DisposeAsync();
    }
}

/// <summary>The same application and database with its <see cref="TimeProvider"/> replaced by a <see cref="ManualClock"/>.</summary>
public sealed class ClockedApp(SenimApp app, ManualClock clock) : OverriddenApp(app, s => s.AddSingleton<TimeProvider>(clock))
{
    public ClockedApp(SenimApp app) : this(app, new ManualClock(DateTimeOffset.UtcNow))
    {
    }

    public ManualClock Clock { get; } = clock;
}
