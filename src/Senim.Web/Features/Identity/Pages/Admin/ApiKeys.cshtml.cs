using System.ComponentModel.DataAnnotations;
using Senim.Web.Features.Audit;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Identity.Pages.Admin;

/// <summary>Issue and revoke API keys for other state systems. Policy: Administration (folder convention).</summary>
public sealed class ApiKeysModel(SenimDb db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Validation.Required"), StringLength(200, MinimumLength = 3, ErrorMessage = "Validation.Length"), Display(Name = "ApiKeys.Name")]
    public string Name { get; set; } = "";

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public string? NewKey { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Keys = await Load(ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) { Keys = await Load(ct); return Page(); }
        var key = ApiKeys.NewKey();
        var entity = new ApiKey
        {
            Name = Name.Trim(), Prefix = ApiKeys.PrefixOf(key), Hash = ApiKeys.Hash(key),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = User.Identity!.Name!,
        };
        db.ApiKeys.Add(entity);
        audit.Record("apikey.issue", "api_key", entity.Id, null, new { entity.Name, entity.Prefix });
        await db.SaveChangesAsync(ct);
        NewKey = key;
        Name = "";
        ModelState.Clear();
        Keys = await Load(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken ct)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return NotFound();
        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow().UtcDateTime;
            key.RevokedBy = User.Identity!.Name;
            audit.Record("apikey.revoke", "api_key", key.Id, new { key.Name, revoked = false }, new { key.Name, revoked = true });
            await db.SaveChangesAsync(ct);
        }
        return RedirectToPage();
    }

    private Task<List<ApiKey>> Load(CancellationToken ct) => db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
}
