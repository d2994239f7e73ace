using Microsoft.AspNetCore.Http.HttpResults;

namespace Senim.Web.Common;

/// <summary>The outcome of a command: done (with the id of what it made, if anything), or a localizable reason (a
/// resource key and its arguments) with the HTTP status an API answers it with. Services return it; pages turn it
/// into a message with <see cref="OutcomePages"/>, APIs into ProblemDetails with <see cref="OutcomeProblems"/>.</summary>
public sealed record Outcome(bool Ok, string? ErrorKey = null, int Status = StatusCodes.Status200OK, object[]? Args = null, Guid? Id = null)
{
    public static readonly Outcome Done = new(true);
    public static Outcome Created(Guid id) => new(true, Id: id);
    public static Outcome Invalid(string key, params object[] args) => new(false, key, StatusCodes.Status400BadRequest, args);
    public static Outcome NotFound(string key) => new(false, key, StatusCodes.Status404NotFound);
    public static Outcome Conflict(string key, params object[] args) => new(false, key, StatusCodes.Status409Conflict, args);
    public static Outcome Forbidden(string key) => new(false, key, StatusCodes.Status403Forbidden);
    public static Outcome Gone(string key) => new(false, key, StatusCodes.Status410Gone);

    /// <summary>The reason in the reader's language (empty when the command succeeded).</summary>
    public string Reason(IText text) => ErrorKey is null ? "" : text.Format(ErrorKey, Args ?? []);

    /// <summary>The text of <paramref name="okKey"/> when done, else the reason.</summary>
    public string Message(IText text, string okKey) => Ok ? text[okKey] : Reason(text);
}

/// <summary>The one place a page turns an <see cref="Outcome"/> into what the person sees.</summary>
public static class OutcomePages
{
    /// <summary>Not found answers as a page that does not exist, forbidden as forbidden; otherwise null.</summary>
    public static IActionResult? Refusal(this PageModel page, Outcome outcome) => outcome.Status switch
    {
        StatusCodes.Status404NotFound => page.NotFound(),
        StatusCodes.Status403Forbidden => page.Forbid(),
        _ => null,
    };

    /// <summary>Post/redirect/get: a refusal answers as such; otherwise <paramref name="show"/> gets the text of
    /// <paramref name="okKey"/> or the reason (the page's TempData message) and <paramref name="next"/> (the redirect) is answered.</summary>
    public static IActionResult Done(this PageModel page, Outcome outcome, IText text, string okKey, Action<string> show, IActionResult next)
    {
        if (page.Refusal(outcome) is { } refused) return refused;
        show(outcome.Message(text, okKey));
        return next;
    }

    /// <summary>A failed command shown on the same page: <paramref name="show"/> gets the reason and the response
    /// carries the outcome's status (400, 404, 409...), so that a form answered with an error is not a 200.</summary>
    public static IActionResult Redisplay(this PageModel page, Outcome outcome, IText text, Action<string> show)
    {
        show(outcome.Reason(text));
        page.Response.StatusCode = outcome.Status;
        return page.Page();
    }
}

/// <summary>The one place an API turns a failed <see cref="Outcome"/> into ProblemDetails.</summary>
public static class OutcomeProblems
{
    /// <summary>ProblemDetails with the outcome's status, the status's localized title and the reason as detail.</summary>
    public static ProblemHttpResult Problem(this Outcome outcome, IText text) =>
        TypedResults.Problem(statusCode: outcome.Status, title: text["Problem." + outcome.Status.ToString(CultureInfo.InvariantCulture)], detail: outcome.Reason(text));
}
