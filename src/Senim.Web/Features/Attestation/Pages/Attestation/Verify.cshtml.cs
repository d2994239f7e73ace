using Senim.Web.Features.Attestation;

namespace Senim.Web.Features.Attestation.Pages.Attestation;

/// <summary>Anyone can check whether a PDF is, byte for byte, a protocol Senim issued (its SHA-256 against the stored
/// ones). Says only whether it matches and which sitting; no other data. Anonymous.</summary>
[AllowAnonymous]
public sealed class VerifyModel(ProtocolService protocols, IText text) : PageModel
{
    public const int MaxBytes = 20 * 1024 * 1024;
    public ProtocolCheck? Result { get; private set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) { Error = text["Attestation.VerifyEmpty"]; Response.StatusCode = 400; return Page(); }
        if (file.Length > MaxBytes) { Error = text.Format("Attestation.FileTooLarge", MaxBytes / 1024 / 1024); Response.StatusCode = 400; return Page(); }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        Result = await protocols.VerifyAsync(buffer.ToArray(), ct);
        return Page();
    }
}
