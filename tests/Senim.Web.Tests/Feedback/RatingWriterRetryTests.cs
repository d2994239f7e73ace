using Microsoft.EntityFrameworkCore;
using Npgsql;
using Senim.Web.Features.Feedback;

namespace Senim.Web.Tests.Feedback;

/// <summary>Which failures make the group-commit writer write a batch again: only those after which PostgreSQL rolled the
/// whole transaction back and running it again is safe.</summary>
public sealed class RatingWriterRetryTests
{
    private static PostgresException Postgres(string sqlState) => new("test", "ERROR", "ERROR", sqlState);

    [Fact]
    public void DeadlocksAndSerializationFailuresAreWrittenAgainWhereverTheyAreWrapped()
    {
        Assert.True(RatingWriter.IsTransient(Postgres("40P01")));
        Assert.True(RatingWriter.IsTransient(Postgres("40001")));
        Assert.True(RatingWriter.IsTransient(new DbUpdateException("wrapped", Postgres("40P01"))));
        Assert.True(RatingWriter.IsTransient(new InvalidOperationException("outer", new DbUpdateException("inner", Postgres("40001")))));
    }

    [Fact]
    public void OtherFailuresAreNot()
    {
        Assert.False(RatingWriter.IsTransient(Postgres("23505"))); // unique violation: handled rating by rating
        Assert.False(RatingWriter.IsTransient(Postgres("53300"))); // too many connections
        Assert.False(RatingWriter.IsTransient(new TimeoutException()));
        Assert.False(RatingWriter.IsTransient(null));
    }
}
