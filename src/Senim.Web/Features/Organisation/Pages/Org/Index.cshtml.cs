using Senim.Web.Features.Identity;
using Senim.Web.Features.Organisation;

namespace Senim.Web.Features.Organisation.Pages.Org;

/// <summary>The organisation tree within the reader's scope. Policy: OrganisationRead (folder convention).</summary>
public sealed class IndexModel(OrganisationQueries org) : PageModel
{
    private ILookup<Guid?, UnitNode> _children = Enumerable.Empty<UnitNode>().ToLookup(n => n.ParentId);

    public IReadOnlyList<UnitNode> Nodes { get; private set; } = [];
    public IReadOnlyList<UnitNode> Roots { get; private set; } = [];
    public int OpenDepth { get; private set; }

    public IReadOnlyList<UnitNode> ChildrenOf(Guid id) => [.. _children[id]];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Nodes = await org.TreeAsync(OrganisationScope.For(User), ct);
        var ids = Nodes.Select(n => n.Id).ToHashSet();
        _children = Nodes.ToLookup(n => n.ParentId);
        // A root is any visible unit whose parent is not visible (the top of the reader's scope).
        Roots = [.. Nodes.Where(n => n.ParentId is null || !ids.Contains(n.ParentId.Value))];
        OpenDepth = (Roots.Count > 0 ? Roots.Min(r => r.Depth) : 0) + 1;
    }
}
