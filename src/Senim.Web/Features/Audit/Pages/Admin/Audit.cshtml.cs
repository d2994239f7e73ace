using Senim.Web.Features.Audit;

namespace Senim.Web.Features.Audit.Pages.Admin;

/// <summary>Who changed what, newest first, paged. Policy: Administration. Read-only: there is no edit path.</summary>
public sealed class AuditModel(SenimDb db) : PageModel
{
    private const int Size = 50;
    [FromQuery(Name = "q")] public string? Q { get; set; }
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public int PageCount { get; private set; } = 1;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (PageNumber < 1) PageNumber = 1;
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var t = Q.Trim();
            q = q.Where(a => a.Action.Contains(t) || a.Actor.Contains(t) || a.EntityType.Contains(t) || (a.EntityId != null && a.EntityId.Contains(t)));
        }
        var total = await q.CountAsync(ct);
        PageCount = Math.Max(1, (total + Size - 1) / Size);
        Entries = await q.OrderByDescending(a => a.At).Skip((PageNumber - 1) * Size).Take(Size).ToListAsync(ct);
    }
}
