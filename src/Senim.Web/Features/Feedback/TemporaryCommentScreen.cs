namespace Senim.Web.Features.Feedback.Moderation;

[Flags]
public enum ScreenFlag { None = 0, PersonalDataMasked = 1, Profanity = 2 }

public sealed record ScreenResult(string Text, ScreenFlag Flags, IReadOnlyList<string> Reasons)
{
    public bool Hold => Flags.HasFlag(ScreenFlag.Profanity);
}

public static class CommentScreen
{
    public static ScreenResult Screen(string comment, IReadOnlyCollection<string>? knownNames = null) => new(comment.Trim(), ScreenFlag.None, []);
}
