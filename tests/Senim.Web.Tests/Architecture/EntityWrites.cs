using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Senim.Web.Tests.Architecture;

/// <summary>
/// Finds, in compiled code, every place where a feature writes an entity: constructs it (<c>new Rating { … }</c>), sets one
/// of its properties, hands it to <c>DbSet&lt;T&gt;.Add/Update/Remove/Attach</c> or <c>DbContext.Add&lt;T&gt;</c>…, runs
/// <c>ExecuteUpdate/ExecuteDelete</c> on it, or names its table in an INSERT/UPDATE/DELETE/COPY statement. Reading is not
/// writing: queries, projections and navigation reads are not reported. The writer is the feature of the outermost type
/// that contains the method (so lambdas and async state machines count for their class).
/// </summary>
internal static partial class EntityWrites
{
    public sealed record Write(string WriterFeature, string Writer, string EntityFeature, string Entity, string How)
    {
        public override string ToString() => $"{Writer} ({WriterFeature}) {How} {Entity} ({EntityFeature})";
    }

    /// <summary>An entity of the model: its CLR type's full name (Cecil form, nested types with '/') and its table.</summary>
    public sealed record EntityInfo(string FullName, string? Table);

    private static readonly HashSet<string> SetWrites = ["Add", "AddAsync", "AddRange", "AddRangeAsync", "Update", "UpdateRange",
        "Remove", "RemoveRange", "Attach", "AttachRange"];
    private static readonly HashSet<string> BulkWrites = ["ExecuteUpdate", "ExecuteUpdateAsync", "ExecuteDelete", "ExecuteDeleteAsync"];

    [GeneratedRegex("""\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|COPY|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_][a-z0-9_]*)"?""", RegexOptions.IgnoreCase)]
    private static partial Regex WriteStatement();

    /// <summary>The feature a type belongs to: <c>Senim.Web.Features.&lt;Feature&gt;…</c>, else null (shared layer, data, tests).</summary>
    public static string? FeatureOf(string? ns)
    {
        const string prefix = "Senim.Web.Features.";
        if (ns is null || !ns.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    public static IReadOnlyList<Write> Find(string assemblyPath, IReadOnlyCollection<EntityInfo> entities)
    {
        var byName = entities.ToDictionary(e => e.FullName, StringComparer.Ordinal);
        var byTable = entities.Where(e => e.Table is not null).GroupBy(e => e.Table!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var found = new List<Write>();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var outer = type;
            while (outer.DeclaringType is not null) outer = outer.DeclaringType;
            var writer = FeatureOf(outer.Namespace);
            if (writer is null) continue;
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var ins in method.Body.Instructions)
                {
                    foreach (var (entity, how) in Targets(ins, byName, byTable))
                    {
                        var owner = FeatureOf(entity.FullName[..Math.Max(0, entity.FullName.LastIndexOf('.'))]);
                        if (owner is not null && owner != writer)
                            found.Add(new Write(writer, outer.FullName + "." + SourceName(type, method), owner, entity.FullName, how));
                    }
                }
            }
        }
        return [.. found.Distinct()];
    }

    private static IEnumerable<(EntityInfo Entity, string How)> Targets(Instruction ins, Dictionary<string, EntityInfo> byName,
        Dictionary<string, EntityInfo> byTable)
    {
        if (ins.OpCode == OpCodes.Ldstr && ins.Operand is string text)
        {
            foreach (Match m in WriteStatement().Matches(text))
            {
                if (byTable.TryGetValue(m.Groups[1].Value, out var e)) yield return (e, "writes the table of");
            }
            yield break;
        }
        if (ins.Operand is not MethodReference target) yield break;
        var declaring = target.DeclaringType;
        if (ins.OpCode == OpCodes.Newobj && byName.TryGetValue(declaring.FullName, out var created))
            yield return (created, "constructs");
        else if (target.Name.StartsWith("set_", StringComparison.Ordinal) && byName.TryGetValue(declaring.FullName, out var set))
            yield return (set, "sets " + target.Name[4..] + " of");
        else if (SetWrites.Contains(target.Name) && declaring is GenericInstanceType { ElementType.Name: "DbSet`1" } dbSet
                 && byName.TryGetValue(dbSet.GenericArguments[0].FullName, out var setEntity))
            yield return (setEntity, "DbSet." + target.Name);
        else if (target is GenericInstanceMethod generic && generic.GenericArguments.Count == 1
                 && byName.TryGetValue(generic.GenericArguments[0].FullName, out var genericEntity)
                 && (BulkWrites.Contains(target.Name) || (SetWrites.Contains(target.Name) && IsDbContext(declaring))))
            yield return (genericEntity, target.Name);
    }

    /// <summary>The method as written: an async method's or iterator's body is compiled into <c>&lt;Name&gt;d__N.MoveNext</c>,
    /// a lambda into <c>&lt;Name&gt;b__N_M</c>; both are reported as <c>Name</c>.</summary>
    private static string SourceName(TypeDefinition type, MethodDefinition method)
    {
        var generated = method.Name.StartsWith('<') ? method.Name : type.Name.StartsWith('<') ? type.Name : null;
        return generated is null ? method.Name : generated[1..generated.IndexOf('>', StringComparison.Ordinal)];
    }

    private static bool IsDbContext(TypeReference type) => type.Name is "DbContext" or "SenimDb" || type.Name.StartsWith("IdentityDbContext", StringComparison.Ordinal);
}
