using Microsoft.AspNetCore.RateLimiting;
using Senim.Web.Features.Feedback;
using Senim.Web.Features.Identity;

namespace Senim.Web.Features.Feedback.Pages;

/// <summary>The resident's rating page: anonymous, mobile first, no JavaScript. /f shows a box to type the code
/// from a card; /f/{code} the form; after submitting, the same address shows whether the comment was published.</summary>
[EnableRateLimiting(FeedbackRateLimits.Policy)]
public sealed class RateModel(RatingIntake intake, InvitationQueries invitations, IText text) : PageModel
{
    public enum PageState { EnterCode, Form, Thanks, Used, Expired, Unknown, Own }

    public static readonly (string Field, string Key)[] Criteria =
        [("courtesy", "Rating.Courtesy"), ("competence", "Rating.Competence"), ("timeliness", "Rating.Timeliness"), ("resolved", "Rating.Resolved")];

    public PageState State { get; private set; }
    public string? Code { get; private set; }
    public string? TypedCode { get; private set; }
    public string? CodeError { get; private set; }
    public InvitationView? View { get; private set; }
    public static string Describe(Features.Organisation.Employee e, bool names, bool badges) => (names, badges, e.BadgeNumber) switch
    {
        (true, true, { } badge) => $"{e.FirstName} {e.LastName} (№ {badge})",
        (true, _, _) => $"{e.FirstName} {e.LastName}",
        (false, true, { } badge) => "№ " + badge,
        _ => "",
    };
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public string? Comment { get; private set; }
    public string MessageTitleKey { get; private set; } = "Rating.Title";
    public string MessageKey { get; private set; } = "";
    public string? CommentStatusKey { get; private set; }
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);

    public int? Value(string field) => _values.TryGetValue(field, out var v) ? v : null;

    public async Task<IActionResult> OnGetAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code)) { State = PageState.EnterCode; return Page(); }
        if (code == "go") return Go(Request.Query["c"].ToString());
        return await ShowAsync(code, ct);
    }

    private IActionResult Go(string typed)
    {
        TypedCode = typed.Length > 20 ? typed[..20] : typed;
        var normal = InvitationCode.Normalise(typed);
        if (normal is not null) return Redirect("/f/" + normal);
        State = PageState.EnterCode;
        CodeError = text["Rating.CodeInvalid"];
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> ShowAsync(string code, CancellationToken ct)
    {
        var normal = InvitationCode.Normalise(code);
        View = normal is null ? null : await invitations.FindAsync(normal, ct);
        Code = normal;
        if (View is null) return Message(PageState.Unknown, StatusCodes.Status404NotFound);
        if (View.Rating is not null) return Message(PageState.Used, StatusCodes.Status200OK, View.Rating.CommentStatus);
        if (View.Interaction.ExpiresAt <= DateTime.UtcNow) return Message(PageState.Expired, StatusCodes.Status410Gone);
        State = PageState.Form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(code)) { State = PageState.EnterCode; return Page(); }
        var form = Request.HasFormContentType ? Request.Form : null;
        int? Read(string field)
        {
            var raw = form?[field].ToString();
            if (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) { _values[field] = v; return v; }
            return null;
        }
        var input = new RatingInput(Read("courtesy"), Read("competence"), Read("timeliness"), Read("resolved"), Read("trust"), form?["comment"].ToString());
        Comment = input.Comment;
        var staffEmployee = User.EmployeeId();
        var outcome = await intake.SubmitAsync(code, input, HttpContext.Connection.RemoteIpAddress, SenimCultures.Of(CultureInfo.CurrentUICulture), staffEmployee, ct);
        Code = InvitationCode.Normalise(code);
        switch (outcome.Result)
        {
            case SubmitResult.Created:
                return Message(PageState.Thanks, StatusCodes.Status201Created, outcome.CommentStatus);
            case SubmitResult.Invalid:
                foreach (var (field, messages) in outcome.Errors!) Errors[field] = string.Join(" ", messages.Select(m => text.Format(m.Key, m.Args)));
                View = await invitations.FindAsync(Code!, ct);
                State = PageState.Form;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case SubmitResult.AlreadyUsed:
                var view = Code is null ? null : await invitations.FindAsync(Code, ct);
                return Message(PageState.Used, StatusCodes.Status409Conflict, view?.Rating?.CommentStatus);
            case SubmitResult.Expired:
                return Message(PageState.Expired, StatusCodes.Status410Gone);
            case SubmitResult.OwnInteraction:
                return Message(PageState.Own, StatusCodes.Status403Forbidden);
            default:
                return Message(PageState.Unknown, StatusCodes.Status404NotFound);
        }
    }

    private PageResult Message(PageState state, int status, CommentStatus? commentStatus = null)
    {
        State = state;
        Response.StatusCode = status;
        (MessageTitleKey, MessageKey) = state switch
        {
            PageState.Thanks => ("Rating.ThanksTitle", "Rating.Thanks"),
            PageState.Used => ("Rating.UsedTitle", "Feedback.CodeUsed"),
            PageState.Expired => ("Rating.ExpiredTitle", "Feedback.CodeExpired"),
            PageState.Own => ("Status.403", "Feedback.OwnInteraction"),
            _ => ("Rating.UnknownTitle", "Feedback.CodeUnknown"),
        };
        CommentStatusKey = commentStatus switch
        {
            Features.Feedback.CommentStatus.Published => "Rating.CommentPublished",
            Features.Feedback.CommentStatus.Held => "Rating.CommentHeld",
            Features.Feedback.CommentStatus.Rejected => "Rating.CommentRejected",
            _ => null,
        };
        return Page();
    }
}
