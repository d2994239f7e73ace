using System.Text;
using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>The question bank: topics with how many questions exist in each language, GIFT import (checked first;
/// nothing is written while errors remain unless the secretary chooses to import the valid questions) and export.
/// Policy: attestation secretary.</summary>
[Authorize(Policy = AttestationPolicies.Secretary)]
public sealed class BankModel(BankService bank, IText text) : PageModel
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public IReadOnlyList<TopicSummary> Topics { get; private set; } = [];
    public ImportReport? Report { get; private set; }
    [BindProperty] public string Language { get; set; } = "kk";
    [BindProperty] public string? Gift { get; set; }
    public string? Error { get; private set; }
    [TempData] public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Topics = await bank.TopicsAsync(ct);

    /// <summary>Checks the file or pasted text. A clean file is imported at once; otherwise the report is shown and the
    /// text is kept in the form so that the secretary can import the valid questions or fix the file.</summary>
    public async Task<IActionResult> OnPostCheckAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes) return await FailAsync(text.Format("Attestation.FileTooLarge", MaxBytes / 1024 / 1024), ct);
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            Gift = await reader.ReadToEndAsync(ct);
        }
        return await ImportAsync(importValid: false, ct);
    }

    public Task<IActionResult> OnPostImportValidAsync(CancellationToken ct) => ImportAsync(importValid: true, ct);

    public async Task<IActionResult> OnPostRenameAsync(Guid topicId, string? nameKk, string? nameRu, CancellationToken ct)
    {
        var result = await bank.RenameTopicAsync(topicId, nameKk, nameRu, ct);
        Message = result.Message(text, "Attestation.Saved");
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetExportAsync(string? language, string? topic, CancellationToken ct)
    {
        if (language is not ("kk" or "ru")) return BadRequest();
        var gift = await bank.ExportAsync(language, string.IsNullOrWhiteSpace(topic) ? null : topic, ct);
        return File(Encoding.UTF8.GetBytes(gift), "text/plain; charset=utf-8", $"senim-bank-{language}{(string.IsNullOrWhiteSpace(topic) ? "" : "-" + topic)}.gift");
    }

    private async Task<IActionResult> ImportAsync(bool importValid, CancellationToken ct)
    {
        if (Language is not ("kk" or "ru")) return await FailAsync(text["Attestation.ChooseLanguage"], ct);
        if (string.IsNullOrWhiteSpace(Gift)) return await FailAsync(text["Attestation.GiftEmpty"], ct);
        if (Encoding.UTF8.GetByteCount(Gift) > MaxBytes) return await FailAsync(text.Format("Attestation.FileTooLarge", MaxBytes / 1024 / 1024), ct);
        Report = await bank.ImportAsync(Language, Gift, importValid, ct);
        Topics = await bank.TopicsAsync(ct);
        if (Report.Imported)
        {
            Message = text.Format("Attestation.Imported", Report.New, Report.Updated, Report.Unchanged, Report.Errors.Count);
            if (Report.Errors.Count == 0) return RedirectToPage();
            Gift = null;
            return Page();
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private async Task<IActionResult> FailAsync(string error, CancellationToken ct)
    {
        Error = error;
        Topics = await bank.TopicsAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
