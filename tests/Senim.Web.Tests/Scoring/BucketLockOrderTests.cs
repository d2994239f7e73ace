using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Scoring;

/// <summary>Two transactions adding to the same score buckets — two group-commit batches of ratings for the same staff,
/// arriving in different orders, several statements each — wait for one another and never deadlock (PostgreSQL takes the row locks of an
/// upsert in the order of its rows; ScoreBuckets.ApplyAsync writes them in key order).</summary>
public sealed class BucketLockOrderTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public async Task BatchesOverTheSameBucketsInOppositeOrdersNeverDeadlock()
    {
        var kind = await app.WithDbAsync(db => db.InteractionKinds.Select(k => k.Id).FirstAsync());
        var subjects = Enumerable.Range(0, 2000).Select(_ => Guid.NewGuid()).ToList();
        List<ScoreBucket> Deltas(IEnumerable<Guid> order) =>
            [.. order.Select(id => new ScoreBucket { SubjectType = ScoreSubject.Employee, SubjectId = id, Month = 209912, KindId = kind, Count = 1, SumW = 1 })];

        async Task WriteAsync(List<ScoreBucket> deltas)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SenimDb>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await ScoreBuckets.ApplyAsync(db, deltas, default);
            await tx.CommitAsync();
        }

        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
            await Task.WhenAll(WriteAsync(Deltas(subjects)), WriteAsync(Deltas(Enumerable.Reverse(subjects))));

        var counts = await app.WithDbAsync(db => db.ScoreBuckets.Where(b => b.Month == 209912).Select(b => b.Count).ToListAsync());
        Assert.Equal(subjects.Count, counts.Count);
        Assert.All(counts, c => Assert.Equal(2 * rounds, c));
    }
}
