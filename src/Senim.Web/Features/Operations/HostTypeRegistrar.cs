using Spectre.Console.Cli;

namespace Senim.Web.Features.Operations;

/// <summary>Spectre.Console.Cli's container is the host's: commands are registered into the composition root's
/// services, built once, and resolved from one scope for the whole command (a command owns its DbContext as a request
/// does). The host is disposed after the command, asynchronously (some services are only IAsyncDisposable).</summary>
internal sealed class HostTypeRegistrar(WebApplicationBuilder builder) : ITypeRegistrar, IAsyncDisposable
{
    private WebApplication? _host;
    private AsyncServiceScope? _scope;

    // Transient, not singleton: a command depends on scoped services (SenimDb), which a singleton may not hold.
    public void Register(Type service, Type implementation) => builder.Services.AddTransient(service, implementation);

    public void RegisterInstance(Type service, object implementation) => builder.Services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory) => builder.Services.AddSingleton(service, _ => factory());

    public ITypeResolver Build()
    {
        _host ??= builder.Build();
        _scope ??= _host.Services.CreateAsyncScope();
        return new Resolver(_scope.Value.ServiceProvider);
    }

    public async ValueTask DisposeAsync()
    {
        if (_scope is { } scope) await scope.DisposeAsync();
        if (_host is not null) await _host.DisposeAsync();
    }

    private sealed class Resolver(IServiceProvider services) : ITypeResolver
    {
        public object? Resolve(Type? type) => type is null ? null : services.GetService(type);
    }
}
