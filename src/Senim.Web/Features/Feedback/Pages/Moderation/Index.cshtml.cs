using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Feedback.Pages.Moderation;

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

    /// <summary>The most items one bulk decision may cover (the page shows at most this many held items).</summary>
    public const int MaxBulk = 200;

    /// <summary>One decision for several held items ("ratingId:Rating" or "ratingId:Comment"), each decided, scoped and
    /// audited on its own exactly as a single decision; the message counts what was decided and what was not.</summary>
    public async Task<IActionResult> OnPostBulkAsync(string[]? items, bool release, string? note, CancellationToken ct)
    {
        var parsed = (items ?? []).Select(Parse).Where(x => x is not null).Select(x => x!.Value).Distinct().ToList();
        if (parsed.Count == 0)
        {
            Message = text["Moderation.BulkNone"];
            return RedirectToPage();
        }
        if (parsed.Count > MaxBulk)
        {
            Message = text.Format("Moderation.BulkTooMany", MaxBulk);
            return RedirectToPage();
        }
        var scope = ModerationService.ScopeOf(User);
        var trimmed = note?.Length > 1000 ? note[..1000] : note;
        int done = 0, notDone = 0;
        foreach (var (ratingId, target) in parsed)
        {
            if (await moderation.DecideHeldAsync(scope, ratingId, target, release, trimmed, ct) == ModerationResult.Done) done++;
            else notDone++;
        }
        Message = text.Format("Moderation.BulkDone", done, notDone);
        return RedirectToPage();
    }

    private static (Guid, ModerationTarget)? Parse(string? item) =>
        item?.Split(':') is [var id, var target] && Guid.TryParse(id, out var g) && Enum.TryParse<ModerationTarget>(target, out var t) && Enum.IsDefined(t)
            ? (g, t) : null;

    public async Task<IActionResult> OnPostContestAsync(Guid contestId, bool uphold, string? note, CancellationToken ct)
    {
        var result = await moderation.DecideContestAsync(User, contestId, uphold, note, ct);
        Message = text[ModerationService.ResultKey(result)];
        return RedirectToPage();
    }
}
