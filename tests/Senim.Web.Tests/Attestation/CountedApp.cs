using System.Data.Common;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Features.Identity;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Attestation;

/// <summary>Counts the database connections opened and the commands sent through EF Core.</summary>
public sealed class DbCounter : DbCommandInterceptor, IDbConnectionInterceptor
{
    private int _opened, _commands;
    public int Opened => Volatile.Read(ref _opened);
    public int Commands => Volatile.Read(ref _commands);

    public void Reset()
    {
        Interlocked.Exchange(ref _opened, 0);
        Interlocked.Exchange(ref _commands, 0);
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Interlocked.Increment(ref _opened);

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opened);
        return Task.CompletedTask;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Interlocked.Increment(ref _commands);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Interlocked.Increment(ref _commands);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Interlocked.Increment(ref _commands);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _commands);
        return ValueTask.FromResult(result);
    }
}

/// <summary>The same application and database with a <see cref="DbCounter"/> on every database context.</summary>
public sealed class CountedApp(SenimApp app, DbCounter counter) : OverriddenApp(app, s => s.ConfigureDbContext<SenimDb>(o => o.AddInterceptors(counter)))
{
    public CountedApp(SenimApp app) : this(app, new DbCounter())
    {
    }

    public DbCounter Counter { get; } = counter;
}
