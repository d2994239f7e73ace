using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Senim.Web.Data;
using Senim.Web.Features.Attestation;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Indicators;
using Senim.Web.Features.Scoring;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Data;

/// <summary>
/// Every statement of every <c>&lt;Feature&gt;Sql</c> class runs on a migrated database, with realistic parameters (a
/// COPY with one realistic row), in a transaction that is rolled back: a renamed column or table fails here, not in
/// production. SchemaMatchesModelTests holds the migrated schema to the EF model; this holds the raw SQL to the schema.
/// A statement is every non-private string field (const or static readonly) and every non-private static method
/// returning a string of a type whose name ends in "Sql" (private ones are fragments). <see cref="EveryStatementHasACase"/>
/// fails for a statement without a line in <see cref="Cases"/>, and for a line naming no statement.
/// </summary>
public sealed class SqlStatementsTests
{
    /// <summary>One line per statement: the database it is written for and its parameters ($1… or {0}… in order;
    /// for a COPY, the row's fields in the statement's column order, typed as the writer types them).</summary>
    internal static readonly StatementCase[] Cases =
    [
        Postgres(ScoringSql.RecomputeLock),
        Postgres(ScoringSql.LockBuckets),
        Postgres(ScoringSql.UpsertBuckets, s => BucketArrays(s.Buckets)),
        Sqlite(ScoringSql.SqliteUpsertBuckets(2), s => [.. s.Buckets.SelectMany(SqliteBucketRow)]),
        Postgres(ScoringSql.RebuildEmployeeRatings),
        Postgres(ScoringSql.RebuildUnitRatings),
        Postgres(ScoringSql.CopyBuckets, s => [(short)ScoreSubject.Employee, s.EmployeeId, s.Buckets[0].Month, s.KindId, .. BucketValues(s.Buckets[0])]),
        Postgres(ScoringSql.CopyScores, s => [(short)ScoreSubject.Employee, s.EmployeeId, "2026-11", (short)Criterion.Overall, 1, "PatrolOfficer", 42, 35.2,
            4.31, null, 4.18, 4.27, 4.05, 4.49, 0.83, 61.5, true, null, s.Now]),
        Postgres(IndicatorsSql.DefinitionsLock),
        Postgres(IndicatorsSql.CopyScorecardResults, s => ["2026-11", (int)IndicatorLevel.Employee, s.EmployeeKey, s.ScorecardCode, s.ScorecardVersion, "PatrolOfficer",
            71.4, 64.0, 78.8, 0.9, true, 1, 12, 9, 15, 40, s.Now]),
        Postgres(IndicatorsSql.CopyIndicatorResults, s => ["2026-11", (int)IndicatorLevel.Employee, s.EmployeeKey, s.IndicatorCode, 1, 1, 0.4, 4.21, 4.02, 4.4,
            0.097, 35.2, true, 72.5, 1, 4.1, 3.8, 0, null]),
        Postgres(FeedbackSql.UseCodesAndInsertRatings, s => [s.Now, new[] { Guid.CreateVersion7() }, new[] { Guid.CreateVersion7() }, new[] { s.UnitId },
            new[] { s.KindId }, new[] { 5 }, new[] { 4 }, new[] { 5 }, new[] { 3 }, new[] { 4 }, new string?[] { null }, new[] { 0 }, new[] { 0 },
            new string?[] { null }, new[] { "network-hash" }, new string?[] { null }, new[] { "kk" }]),
        Postgres(FeedbackSql.RecentRatingsPerNetwork, s => [new[] { "network-hash" }, s.Now.AddDays(-1), 20]),
        Postgres(FeedbackSql.RecentRatingsPerPhone, s => [new[] { "phone-hash" }, s.Now.AddDays(-1), 20]),
        Postgres(AttestationSql.SaveAnswer, s => [Guid.CreateVersion7(), s.QuestionId, s.QuestionUpdatedAt, s.Now, 0, "2", 1.0]),
    ];

    [Fact]
    public void EveryStatementHasACase()
    {
        var statements = Statements().ToList();
        Assert.Contains("ScoringSql.UpsertBuckets", statements);
        Assert.Contains("ScoringSql.SqliteUpsertBuckets", statements);
        Assert.Empty(statements.Except(Cases.Select(c => c.Name)));
        Assert.Empty(Cases.Select(c => c.Name).Except(statements));
    }

    /// <summary>"Type.Member" of every statement of every *Sql type in Senim.Web.</summary>
    internal static IEnumerable<string> Statements()
    {
        const BindingFlags members = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var type in typeof(SenimDb).Assembly.GetTypes().Where(t => t.Name.EndsWith("Sql", StringComparison.Ordinal) && !t.Name.Contains('<')))
        {
            foreach (var f in type.GetFields(members).Where(f => f.FieldType == typeof(string) && !f.IsPrivate))
                yield return $"{type.Name}.{f.Name}";
            foreach (var m in type.GetMethods(members).Where(m => m.ReturnType == typeof(string) && !m.IsPrivate && !m.IsSpecialName && !m.Name.Contains('<')))
                yield return $"{type.Name}.{m.Name}";
        }
    }

    internal enum Database { Postgres, Sqlite }

    internal sealed record StatementCase(string Name, Database Database, string Sql, Func<Seed, object?[]> Parameters);

    private static StatementCase Postgres(string sql, Func<Seed, object?[]>? parameters = null, [CallerArgumentExpression(nameof(sql))] string name = "") =>
        new(Member(name), Database.Postgres, sql, parameters ?? (_ => []));

    private static StatementCase Sqlite(string sql, Func<Seed, object?[]>? parameters = null, [CallerArgumentExpression(nameof(sql))] string name = "") =>
        new(Member(name), Database.Sqlite, sql, parameters ?? (_ => []));

    /// <summary>"ScoringSql.SqliteUpsertBuckets(2)" → "ScoringSql.SqliteUpsertBuckets".</summary>
    private static string Member(string expression)
    {
        var path = expression.Split('(')[0].Split('.');
        return string.Join('.', path[^2..]);
    }

    /// <summary>Real rows of the migrated demo database the parameters refer to.</summary>
    internal sealed record Seed(DateTime Now, Guid UnitId, Guid EmployeeId, Guid KindId, Guid QuestionId, DateTime QuestionUpdatedAt,
        string ScorecardCode, int ScorecardVersion, string IndicatorCode, ScoreBucket[] Buckets)
    {
        public string EmployeeKey => EmployeeId.ToString("D");

        public static async Task<Seed> LoadAsync(SenimDb db)
        {
            var now = DateTime.UtcNow;
            var employee = await db.Employees.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.UnitId }).FirstAsync();
            var kind = await db.InteractionKinds.AsNoTracking().OrderBy(k => k.SortOrder).Select(k => k.Id).FirstAsync();
            var question = await db.Set<Question>().AsNoTracking().OrderBy(q => q.Id).Select(q => new { q.Id, q.UpdatedAt }).FirstAsync();
            var card = await db.Scorecards.AsNoTracking().Where(c => c.Level == IndicatorLevel.Employee).OrderBy(c => c.Code)
                .Select(c => new { c.Code, c.Version, Item = c.Items.OrderBy(i => i.Order).Select(i => i.IndicatorCode).First() }).FirstAsync();
            var methodology = await ScoreBuckets.ActiveAsync(db, default);
            var buckets = new[] { new ScoreBucket { SubjectType = ScoreSubject.Employee, SubjectId = employee.Id, Month = ScoreBuckets.MonthOf(now), KindId = kind },
                                  new ScoreBucket { SubjectType = ScoreSubject.Unit, SubjectId = employee.UnitId, Month = ScoreBuckets.MonthOf(now), KindId = kind } };
            foreach (var b in buckets) ScoreBuckets.Accumulate(b, methodology, now, 5, 4, 5, 3, +1);
            return new(now, employee.UnitId, employee.Id, kind, question.Id, question.UpdatedAt, card.Code, card.Version, card.Item, buckets);
        }
    }

    private static IEnumerable<object> BucketValues(ScoreBucket b) =>
        ScoringSql.BucketValueColumns.Select(c => c.Long is { } l ? (object)l(b) : c.Double!(b));

    private static object?[] BucketArrays(ScoreBucket[] rows) =>
    [
        rows.Select(b => (short)b.SubjectType).ToArray(), rows.Select(b => b.SubjectId).ToArray(), rows.Select(b => b.Month).ToArray(),
        rows.Select(b => b.KindId).ToArray(),
        .. ScoringSql.BucketValueColumns.Select(c => c.Long is { } l ? (object)rows.Select(l).ToArray() : rows.Select(c.Double!).ToArray()),
    ];

    // EF stores a Guid on SQLite as upper-case text; raw parameters must match that form.
    private static object?[] SqliteBucketRow(ScoreBucket b) =>
        [(short)b.SubjectType, b.SubjectId.ToString("D").ToUpperInvariant(), b.Month, b.KindId.ToString("D").ToUpperInvariant(), .. BucketValues(b)];
}

/// <summary>Runs each statement written for one database on a migrated database of that kind.</summary>
public abstract class SqlStatementsRunTests<TApp>(TApp app) where TApp : SenimApp
{
    private protected static TheoryData<string> For(SqlStatementsTests.Database database)
    {
        var names = new TheoryData<string>();
        foreach (var c in SqlStatementsTests.Cases.Where(c => c.Database == database)) names.Add(c.Name);
        return names;
    }

    protected async Task RunAsync(string name)
    {
        var statement = SqlStatementsTests.Cases.Single(c => c.Name == name);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SenimDb>();
        await db.Database.OpenConnectionAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var parameters = statement.Parameters(await SqlStatementsTests.Seed.LoadAsync(db));
        var sql = statement.Sql;
        if (sql.StartsWith("COPY", StringComparison.Ordinal) && sql.Contains("(FORMAT BINARY)", StringComparison.Ordinal))
        {
            await using var copy = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(sql);
            await copy.WriteRowAsync(default, parameters);
            await copy.CompleteAsync();
        }
        else if (sql.StartsWith("COPY", StringComparison.Ordinal))
        {
            await using var line = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginTextImportAsync(sql);
            for (var i = 0; i < parameters.Length; i++) WriteCsv(line, parameters[i], last: i == parameters.Length - 1);
        }
        else if (sql.Contains("{0}", StringComparison.Ordinal))
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters!);
        }
        else
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = tx.GetDbTransaction();
            foreach (var p in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.Value = p ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
        await tx.RollbackAsync();
    }

    /// <summary>A field as the recompute writes it (<see cref="Csv"/>, PostgreSQL's CSV COPY format).</summary>
    private static void WriteCsv(TextWriter w, object? value, bool last)
    {
        switch (value)
        {
            case null: Csv.Text(w, null, last); break;
            case int i: Csv.Int(w, i, last); break;
            case double d: Csv.Real(w, d, last); break;
            case bool b: Csv.Bool(w, b, last); break;
            case DateTime t: Csv.Time(w, t, last); break;
            case string s: Csv.Text(w, s, last); break;
            default: throw new ArgumentException("No CSV form for " + value.GetType(), nameof(value));
        }
    }
}

public sealed class SqlStatementsOnPostgres(PostgresApp app) : SqlStatementsRunTests<PostgresApp>(app), IClassFixture<PostgresApp>
{
    public static TheoryData<string> Statements => For(SqlStatementsTests.Database.Postgres);

    [Theory]
    [MemberData(nameof(Statements))]
    public Task RunsOnAMigratedDatabase(string statement) => RunAsync(statement);
}

public sealed class SqlStatementsOnSqlite(SqliteApp app) : SqlStatementsRunTests<SqliteApp>(app), IClassFixture<SqliteApp>
{
    public static TheoryData<string> Statements => For(SqlStatementsTests.Database.Sqlite);

    [Theory]
    [MemberData(nameof(Statements))]
    public Task RunsOnAMigratedDatabase(string statement) => RunAsync(statement);
}
