using Senim.Web.Features.Feedback;

namespace Senim.Web.Tests.Feedback;

public sealed class InvitationCodeTests
{
    [Fact]
    public void NewCodesAreWellFormedAndDistinct()
    {
        var codes = Enumerable.Range(0, 5000).Select(_ => InvitationCode.New()).ToList();
        Assert.All(codes, c => Assert.Equal(c, InvitationCode.Normalise(c)));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes, c => Assert.DoesNotContain(c, ch => ch is '0' or 'O' or '1' or 'I'));
    }

    /// <summary>Luhn mod N detects every single-character substitution (the reason for the check character).</summary>
    [Fact]
    public void EverySingleCharacterTypoIsDetected()
    {
        for (var n = 0; n < 200; n++)
        {
            var code = InvitationCode.New();
            for (var pos = 0; pos < InvitationCode.Length; pos++)
            {
                foreach (var other in InvitationCode.Alphabet.Where(a => a != code[pos]))
                {
                    var typo = code[..pos] + other + code[(pos + 1)..];
                    Assert.Null(InvitationCode.Normalise(typo));
                }
            }
        }
    }

    [Fact]
    public void HandWorkedCheckCharacter()
    {
        // Data "22222222": every value is 0, so the sum is 0 and the check is Alphabet[0] = '2'.
        Assert.Equal('2', InvitationCode.CheckCharacter("22222222"));
        // Data "22222223": the rightmost '3' has value 1 and is doubled: 2 → sum 2 → check value (32 − 2) mod 32 = 30 → 'Y'.
        Assert.Equal('Y', InvitationCode.CheckCharacter("22222223"));
        // Data "2222222Z": 'Z' has value 31, doubled 62 = 1·32 + 30 → digit sum 1 + 30 = 31 → check value 1 → '3'.
        Assert.Equal('3', InvitationCode.CheckCharacter("2222222Z"));
    }

    [Theory]
    [InlineData("abcd-efgh")]
    [InlineData("")]
    [InlineData("ABCD EFGH JKLM")]
    [InlineData("ABCD-0FGH2")]
    [InlineData("<script>")]
    public void MalformedInputIsNotACode(string typed) => Assert.Null(InvitationCode.Normalise(typed));

    [Fact]
    public void SpacesDashesAndCaseDoNotMatter()
    {
        var code = InvitationCode.New();
        Assert.Equal(code, InvitationCode.Normalise(" " + InvitationCode.Display(code).ToLowerInvariant().Replace("-", " - ", StringComparison.Ordinal) + " "));
    }
}
