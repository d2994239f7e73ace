using Microsoft.AspNetCore.RateLimiting;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Surveys;

namespace Senim.Web.Features.Surveys.Pages;

/// <summary>The resident's survey page /s/{wave}: anonymous, mobile first, no JavaScript. District, age band and sex
/// first, then the wave's questions. One response per device (cookie token, stored hashed) and per phone per wave.
/// A link with ?d={district code} (the QR code on posters) chooses the district in advance.</summary>
[EnableRateLimiting(FeedbackRateLimits.Policy)]
public sealed class RespondModel(SurveyService service, IText text) : PageModel
{
    public enum PageState { Form, Thanks, Duplicate, Closed, Unknown }

    public PageState State { get; private set; }
    public WaveView? View { get; private set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? Value(string field) => Values.TryGetValue(field, out var v) ? v : null;

    public async Task<IActionResult> OnGetAsync(string wave, [FromQuery(Name = "d")] string? district, CancellationToken ct)
    {
        View = await service.FindWaveAsync(wave, ct);
        if (View is null) return Message(PageState.Unknown, StatusCodes.Status404NotFound);
        if (!View.IsOpen) return Message(PageState.Closed, StatusCodes.Status410Gone);
        if (await service.DeviceHasAnsweredAsync(View.Wave.Id, Request.Cookies[SurveyService.DeviceCookie], ct)) return Message(PageState.Duplicate, StatusCodes.Status200OK);
        if (!string.IsNullOrWhiteSpace(district))
        {
            var d = View.Districts.FirstOrDefault(x => string.Equals(x.Code, district.Trim(), StringComparison.OrdinalIgnoreCase) || x.Id.ToString() == district.Trim());
            if (d is not null) Values["district"] = d.Id.ToString();
        }
        State = PageState.Form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string wave, CancellationToken ct)
    {
        View = await service.FindWaveAsync(wave, ct);
        if (View is null) return Message(PageState.Unknown, StatusCodes.Status404NotFound);
        var form = Request.HasFormContentType ? Request.Form : null;
        string? Read(string field)
        {
            var v = form?[field].ToString();
            if (v is { Length: > 0 }) Values[field] = v.Length > 2000 ? v[..2000] : v;
            return v;
        }
        var answers = View.Questions.ToDictionary(q => q.Code, q => Read("q-" + q.Code), StringComparer.Ordinal);
        var input = new SurveyInput(Read("district"), Read("ageBand"), Read("sex"), Read("phone"), answers);
        var token = Request.Cookies[SurveyService.DeviceCookie];
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            token = SurveyService.NewDeviceToken();
            Response.Cookies.Append(SurveyService.DeviceCookie, token, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(400), Path = "/s",
            });
        }
        var outcome = await service.SubmitAsync(View, input, token, SenimCultures.Of(CultureInfo.CurrentUICulture), ct);
        switch (outcome.Result)
        {
            case SurveySubmitResult.Created:
                return Message(PageState.Thanks, StatusCodes.Status200OK);
            case SurveySubmitResult.Invalid:
                foreach (var (field, (key, args)) in outcome.Errors!) Errors[field] = text.Format(key, args);
                State = PageState.Form;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case SurveySubmitResult.Duplicate:
                return Message(PageState.Duplicate, StatusCodes.Status409Conflict);
            default:
                return Message(PageState.Closed, StatusCodes.Status410Gone);
        }
    }

    private PageResult Message(PageState state, int status)
    {
        State = state;
        Response.StatusCode = status;
        return Page();
    }

    public (string Title, string Text) MessageKeys => State switch
    {
        PageState.Thanks => ("Survey.ThanksTitle", "Survey.Thanks"),
        PageState.Duplicate => ("Survey.DuplicateTitle", "Survey.Duplicate"),
        PageState.Closed => ("Survey.ClosedTitle", "Survey.Closed"),
        _ => ("Survey.UnknownTitle", "Survey.Unknown"),
    };
}
