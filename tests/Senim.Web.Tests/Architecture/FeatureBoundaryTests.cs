using ArchUnitNET.Fluent;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Data;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace Senim.Web.Tests.Architecture;

/// <summary>
/// The layout's rules (docs/architecture.md), as tests: the shared layer (<c>Senim.Web.Common</c>) depends on no feature,
/// and a feature never writes another feature's entities — it asks that feature's public service to do it.
/// </summary>
public sealed class FeatureBoundaryTests
{
    private static readonly System.Reflection.Assembly Web = typeof(SenimDb).Assembly;
    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Model = new(() => new ArchLoader().LoadAssemblies(Web).Build());

    [Fact]
    public void TheSharedLayerDependsOnNoFeature()
    {
        IArchRule rule = Types().That().ResideInNamespaceOrBelow("Senim.Web.Common")
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Senim.Web.Features"))
            .Because("the shared layer serves every feature and must not know any of them");
        rule.Check(Model.Value);
    }

    [Fact]
    public void NoFeatureWritesAnotherFeaturesEntities()
    {
        var writes = EntityWrites.Find(Web.Location, Entities())
            .Select(w => w.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.True(writes.Count == 0, "A feature writes another feature's entities (ask that feature's service instead):\n" + string.Join("\n", writes));
    }

    [Fact]
    public void TheWriteDetectorFindsADeliberateViolation()
    {
        // This test assembly holds a deliberate violation (below): a "Surveys" type that constructs, changes, adds and
        // deletes Feedback's ratings and names their table in SQL. The detector must report every one of those.
        var writes = EntityWrites.Find(typeof(FeatureBoundaryTests).Assembly.Location, Entities())
            .Where(w => w.Writer.Contains(nameof(Senim.Web.Features.Surveys.DeliberateViolation), StringComparison.Ordinal)).ToList();
        Assert.Contains(writes, w => w.How == "constructs" && w.EntityFeature == "Feedback");
        Assert.Contains(writes, w => w.How.StartsWith("sets ", StringComparison.Ordinal) && w.EntityFeature == "Feedback");
        Assert.Contains(writes, w => w.How == "DbSet.Add" && w.EntityFeature == "Feedback");
        Assert.Contains(writes, w => w.How == "ExecuteDeleteAsync" && w.EntityFeature == "Feedback");
        Assert.Contains(writes, w => w.How == "writes the table of" && w.EntityFeature == "Feedback");
        Assert.All(writes, w => Assert.Equal("Surveys", w.WriterFeature));
    }

    [Fact]
    public void TheDependencyRuleFailsOnADeliberateViolation()
    {
        // The same rule over this test assembly, where Senim.Web.Common.DeliberateSharedViolation names a feature type.
        var model = new ArchLoader().LoadAssemblies(typeof(FeatureBoundaryTests).Assembly, Web).Build();
        IArchRule rule = Types().That().ResideInNamespaceOrBelow("Senim.Web.Common")
            .And().ResideInAssembly(typeof(FeatureBoundaryTests).Assembly)
            .Should().NotDependOnAny(Types().That().ResideInNamespaceOrBelow("Senim.Web.Features"));
        Assert.False(rule.HasNoViolations(model));
    }

    private static IReadOnlyCollection<EntityWrites.EntityInfo> Entities()
    {
        using var db = new SenimDb(new DbContextOptionsBuilder<SenimDb>().UseSqlite("Data Source=:memory:").Options);
        return [.. db.Model.GetEntityTypes()
            .Select(e => new EntityWrites.EntityInfo(e.ClrType.FullName!.Replace('+', '/'), e.GetTableName()))
            .DistinctBy(e => e.FullName)];
    }
}
