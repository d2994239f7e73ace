using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Senim.Web.Data;
using Senim.Web.Tests.Infrastructure;

namespace Senim.Web.Tests.Data;

/// <summary>The hand-written migrations must produce exactly the schema the EF model describes: same tables,
/// columns, store types, nullability, primary keys, foreign keys and indexes (name, columns, uniqueness).</summary>
public abstract class SchemaMatchesModelTests<TApp>(TApp app) where TApp : SenimApp
{
    [Fact]
    public async Task MigratedSchemaEqualsTheModel()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SenimDb>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());

        var expected = FromModel(db.GetService<IDesignTimeModel>().Model.GetRelationalModel(), app.Provider);
        var actual = await FromDatabaseAsync(db, app.Provider);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Where(t => t is not ("__migrations" or "__EFMigrationsLock")).Order());
        foreach (var (table, schema) in expected)
        {
            var found = actual[table];
            Assert.Equal(schema.Columns.OrderBy(c => c.Key).ToList(), found.Columns.OrderBy(c => c.Key).ToList());
            Assert.Equal(schema.PrimaryKey, found.PrimaryKey);
            Assert.Equal(schema.Indexes.Order(), found.Indexes.Order());
            Assert.Equal(schema.ForeignKeys.Order(), found.ForeignKeys.Order());
        }
    }

    private sealed record TableSchema(Dictionary<string, string> Columns, string PrimaryKey, List<string> Indexes, List<string> ForeignKeys);

    private static Dictionary<string, TableSchema> FromModel(IRelationalModel model, DatabaseProvider provider)
    {
        var result = new Dictionary<string, TableSchema>();
        foreach (var t in model.Tables)
        {
            var columns = t.Columns.ToDictionary(c => c.Name, c => Normalise(c.StoreType, provider) + (c.IsNullable ? " null" : " not null"));
            var pk = string.Join(",", t.PrimaryKey!.Columns.Select(c => c.Name));
            var indexes = t.Indexes.Select(i => $"{i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}){(i.IsUnique ? " unique" : "")}").ToList();
            var fks = t.ForeignKeyConstraints.Select(f => $"{string.Join(",", f.Columns.Select(c => c.Name))}->{f.PrincipalTable.Name}({string.Join(",", f.PrincipalColumns.Select(c => c.Name))}) {f.OnDeleteAction}").ToList();
            result[t.Name] = new(columns, pk, indexes, fks);
        }
        return result;
    }

    private static string Normalise(string storeType, DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? storeType.ToUpperInvariant() : storeType.ToLowerInvariant();

    private static async Task<Dictionary<string, TableSchema>> FromDatabaseAsync(SenimDb db, DatabaseProvider provider)
    {
        var conn = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return provider == DatabaseProvider.Sqlite ? await SqliteSchemaAsync(conn) : await PostgresSchemaAsync(conn);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection conn, string sql)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await r.ReadAsync())
        {
            var row = new string[r.FieldCount];
            for (var i = 0; i < r.FieldCount; i++) row[i] = r.IsDBNull(i) ? "" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }

    private static string Action(string rule) => rule.ToUpperInvariant() switch
    {
        "CASCADE" or "C" => "Cascade", "SET NULL" or "N" => "SetNull", "RESTRICT" or "R" => "Restrict", _ => "NoAction",
    };

    private static async Task<Dictionary<string, TableSchema>> SqliteSchemaAsync(DbConnection conn)
    {
        var result = new Dictionary<string, TableSchema>();
        foreach (var t in (await QueryAsync(conn, "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")).Select(r => r[0]))
        {
            var cols = await QueryAsync(conn, $"PRAGMA table_info(\"{t}\")");
            var columns = cols.ToDictionary(c => c[1], c => c[2].ToUpperInvariant() + (c[3] == "1" || c[5] != "0" ? " not null" : " null"));
            var pk = string.Join(",", cols.Where(c => c[5] != "0").OrderBy(c => int.Parse(c[5], System.Globalization.CultureInfo.InvariantCulture)).Select(c => c[1]));
            var indexes = new List<string>();
            foreach (var i in (await QueryAsync(conn, $"PRAGMA index_list(\"{t}\")")).Where(i => i[3] == "c"))
            {
                var icols = (await QueryAsync(conn, $"PRAGMA index_info(\"{i[1]}\")")).OrderBy(c => int.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture)).Select(c => c[2]);
                indexes.Add($"{i[1]}({string.Join(",", icols)}){(i[2] == "1" ? " unique" : "")}");
            }
            var fks = (await QueryAsync(conn, $"PRAGMA foreign_key_list(\"{t}\")"))
                .GroupBy(f => f[0]).Select(g => $"{string.Join(",", g.Select(f => f[3]))}->{g.First()[2]}({string.Join(",", g.Select(f => f[4]))}) {Action(g.First()[6])}").ToList();
            result[t] = new(columns, pk, indexes, fks);
        }
        return result;
    }

    private static async Task<Dictionary<string, TableSchema>> PostgresSchemaAsync(DbConnection conn)
    {
        var result = new Dictionary<string, TableSchema>();
        var tables = await QueryAsync(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema='public' AND table_type='BASE TABLE'");
        foreach (var t in tables.Select(r => r[0]))
        {
            var cols = await QueryAsync(conn, $"""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull FROM pg_attribute a
                WHERE a.attrelid = '"{t}"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
                """);
            var columns = cols.ToDictionary(c => c[0], c => c[1].ToLowerInvariant() + (c[2] == "True" ? " not null" : " null"));
            var pk = (await QueryAsync(conn, $"""
                SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = '"{t}"'::regclass AND i.indisprimary
                """))[0][0];
            var indexes = (await QueryAsync(conn, $"""
                SELECT c.relname, string_agg(a.attname, ',' ORDER BY k.ord), i.indisunique FROM pg_index i
                JOIN pg_class c ON c.oid = i.indexrelid
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = '"{t}"'::regclass AND NOT i.indisprimary GROUP BY c.relname, i.indisunique
                """)).Select(r => $"{r[0]}({r[1]}){(r[2] == "True" ? " unique" : "")}").ToList();
            var fks = (await QueryAsync(conn, $"""
                SELECT (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
                       c.confrelid::regclass::text,
                       (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum),
                       c.confdeltype
                FROM pg_constraint c WHERE c.conrelid = '"{t}"'::regclass AND c.contype = 'f'
                """)).Select(r => $"{r[0]}->{r[1].Trim('"')}({r[2]}) {Action(r[3] switch { "c" => "CASCADE", "n" => "SET NULL", "r" => "RESTRICT", _ => "NO ACTION" })}").ToList();
            result[t] = new(columns, pk, indexes, fks);
        }
        return result;
    }
}

public sealed class SchemaMatchesModelOnSqlite(SqliteApp app) : SchemaMatchesModelTests<SqliteApp>(app), IClassFixture<SqliteApp>;
public sealed class SchemaMatchesModelOnPostgres(PostgresApp app) : SchemaMatchesModelTests<PostgresApp>(app), IClassFixture<PostgresApp>;
