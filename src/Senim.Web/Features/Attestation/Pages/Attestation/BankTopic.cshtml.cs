using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>A topic's questions in both languages; a dubious question can be withdrawn from future draws.
/// Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class BankTopicModel(BankService bank, SenimDb db, IText text) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public Topic Topic { get; private set; } = null!;
    public IReadOnlyList<Question> Questions { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var t = await db.Set<Topic>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == Id, ct);
        if (t is null) return NotFound();
        Topic = t;
        Questions = await bank.QuestionsAsync(Id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid questionId, bool active, CancellationToken ct)
    {
        var result = await bank.SetActiveAsync(questionId, active, ct);
        Message = result.Message(text, "Attestation.Saved");
        return RedirectToPage(new { id = Id });
    }
}
