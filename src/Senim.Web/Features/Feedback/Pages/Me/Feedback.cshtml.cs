using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Feedback.Pages.Me;

/// <summary>An employee's own ratings: distribution, over time, comments (never who wrote them), contests.
/// Policy: Staff (folder); shows only the signed-in person's own employee record.</summary>
public sealed class FeedbackModel(FeedbackViews views, ModerationService moderation, IText text) : PageModel
{
    private const int Size = 25;
    public Guid? EmployeeId { get; private set; }
    public Distribution? Dist { get; private set; }
    public IReadOnlyList<MonthPoint> Months { get; private set; } = [];
    public IReadOnlyList<MyRating> Items { get; private set; } = [];
    [FromQuery(Name = "p")] public int PageNumber { get; set; } = 1;
    public int PageCount { get; private set; } = 1;
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        EmployeeId = User.EmployeeId();
        if (EmployeeId is not { } id) return;
        if (PageNumber < 1) PageNumber = 1;
        Dist = await views.DistributionAsync(id, ct);
        Months = await views.MonthlyForEmployeeAsync(id, ct);
        var (items, total) = await views.MyRatingsAsync(id, PageNumber, Size, ct);
        Items = items;
        PageCount = Math.Max(1, (total + Size - 1) / Size);
    }

    public async Task<IActionResult> OnPostAsync(Guid ratingId, string? reason, CancellationToken ct)
    {
        if (User.EmployeeId() is not { } id) return Forbid();
        var result = await moderation.ContestAsync(id, ratingId, reason, ct);
        Message = result == ModerationResult.Invalid ? text["MyFeedback.ReasonLength"] : text[result == ModerationResult.Done ? "MyFeedback.Contested" : ModerationService.ResultKey(result)];
        return RedirectToPage();
    }
}
