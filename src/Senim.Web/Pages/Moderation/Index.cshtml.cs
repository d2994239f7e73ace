using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;
using Senim.Web.Infrastructure;

namespace Senim.Web.Pages.Moderation;

/// <summary>Held ratings and comments, and pending contests, within the moderator's subtree. Policy: Moderation.</summary>
[Authorize(Policy = Policies.Moderation)]
public sealed class IndexModel(ModerationService moderation, IText text) : PageModel
{
    public IReadOnlyList<HeldItem> Held { get; private set; } = [];
    public IReadOnlyList<ContestItem> Contests { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = ModerationService.ScopeOf(User);
        Held = await moderation.HeldAsync(scope, 200, ct);
        Contests = await moderation.PendingContestsAsync(scope, 200, ct);
    }

    public async Task<IActionResult> OnPostHeldAsync(Guid ratingId, ModerationTarget target, bool release, string? note, CancellationToken ct)
    {
        var result = await moderation.DecideHeldAsync(ModerationService.ScopeOf(User), ratingId, target, release, note?.Length > 1000 ? note[..1000] : note, ct);
        Message = text[ModerationService.ResultKey(result)];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostContestAsync(Guid contestId, bool uphold, string? note, CancellationToken ct)
    {
        var result = await moderation.DecideContestAsync(User, contestId, uphold, note, ct);
        Message = text[ModerationService.ResultKey(result)];
        return RedirectToPage();
    }
}
