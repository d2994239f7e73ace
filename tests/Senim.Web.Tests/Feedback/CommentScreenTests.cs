using Senim.Web.Features.Feedback.Moderation;

namespace Senim.Web.Tests.Feedback;

public sealed class CommentScreenTests
{
    [Theory]
    // 9·1+0·2+0·3+1·4+0·5+1·6+3·7+0·8+0·9+1·10+2·11 = 72; 72 mod 11 = 6 → check digit 6.
    [InlineData("900101300126", true)]
    [InlineData("900101300127", false)]
    // First weights: 8+10+0+20+5+30+28+0+0+30+0 = 131, mod 11 = 10 → second weights 3..11,1,2:
    // 24+20+0+30+7+40+36+0+0+3+0 = 160, mod 11 = 6 → check digit 6.
    [InlineData("850515400306", true)]
    [InlineData("850515400305", false)]
    [InlineData("12345", false)]
    [InlineData("90010130012a", false)]
    public void IinCheckDigitFollowsTheTwoWeightRule(string iin, bool valid) => Assert.Equal(valid, CommentScreen.IsValidIin(iin));

    [Theory]
    [InlineData("Позвоните мне: +7 701 123 45 67, пожалуйста", "Позвоните мне: ***, пожалуйста", "phone")]
    [InlineData("Мой номер 8 (702) 555-12-34", "Мой номер ***", "phone")]
    [InlineData("call 87011234567 now", "call *** now", "phone")]
    [InlineData("Менің ЖСН 900101300126", "Менің ЖСН ***", "iin")]
    [InlineData("write to aigul.s@mail.kz please", "write to *** please", "email")]
    [InlineData("карта 4111 1111 1111 1111", "карта ***", "card")]
    [InlineData("Меня зовут Айгуль Сапарова, спасибо", "Меня зовут ***, спасибо", "name")]
    [InlineData("my name is John Smith.", "my name is ***.", "name")]
    public void PersonalDataIsMaskedWithTheReason(string input, string expected, string reason)
    {
        var r = CommentScreen.Screen(input);
        Assert.Equal(expected, r.Text);
        Assert.Contains(reason, r.Reasons);
        Assert.True(r.Flags.HasFlag(ScreenFlag.PersonalDataMasked));
        Assert.False(r.Hold);
    }

    [Fact]
    public void NamesOfTheStaffAreMaskedInAnyCase()
    {
        var r = CommentScreen.Screen("Спасибо Иванову и лейтенанту Ахметовой!", ["Иванов", "Ахметова", "Ержан"]);
        Assert.Equal("Спасибо *** и лейтенанту ***!", r.Text);
        Assert.Equal(["name"], r.Reasons);
    }

    [Fact]
    public void ATwelveDigitNumberThatIsNotAnIinIsStillAPhoneLikeRun()
    {
        var r = CommentScreen.Screen("номер дела 900101300127");
        Assert.Equal("номер дела ***", r.Text);
        Assert.DoesNotContain("iin", r.Reasons);
    }

    [Theory]
    [InlineData("Ты сука, а не полицейский", "ru")]
    [InlineData("какого х у я так долго", "ru")]
    [InlineData("да пошли вы нахуй", "ru")]
    [InlineData("он меня заебал", "ru")]
    [InlineData("xуйня полная", "ru")] // Latin x
    [InlineData("бля, опять очередь", "ru")]
    [InlineData("this is f.u.c.k.i.n.g slow", "en")]
    [InlineData("what a sh!t service", "en")]
    [InlineData("You bastard", "en")]
    [InlineData("сіктір бәрің", "kk")]
    public void ProfanityHoldsTheCommentAndNamesTheLanguage(string input, string language)
    {
        var r = CommentScreen.Screen(input);
        Assert.True(r.Hold);
        Assert.Contains("profanity:" + language, r.Reasons);
        Assert.Equal(CommentScreen.Normalise(input), r.Text); // held, not rewritten
    }

    [Theory]
    [InlineData("Офицер показал бляху и всё объяснил")]
    [InlineData("Страхуйте машину заранее, посоветовали")]
    [InlineData("Небо, хлеб, учеба, оскорблять нельзя, употреблять тоже")]
    [InlineData("Записалась на педикюр после приёма")]
    [InlineData("The assistant in Scunthorpe was in a class of her own")]
    [InlineData("Қызметкер өте сыпайы болды, рақмет! Жалақысы аз шығар.")]
    [InlineData("Хулиганов задержали быстро")]
    [InlineData("Номер дома 12, квартира 45")]
    public void OrdinaryTextComesBackUnchanged(string input)
    {
        var r = CommentScreen.Screen(input);
        Assert.Equal(ScreenFlag.None, r.Flags);
        Assert.Empty(r.Reasons);
        Assert.Equal(input, r.Text);
    }

    [Fact]
    public void WhitespaceControlAndZeroWidthCharactersAreCleaned()
    {
        var r = CommentScreen.Screen("  Быстро\u200B и\t\tвежливо\u0007\n\n\n\nСпасибо\u202E  ");
        Assert.Equal("Быстро и вежливо\n\nСпасибо", r.Text);
    }

    [Fact]
    public void NothingAResidentTypesThrows()
    {
        var rng = new Random(2026);
        for (var i = 0; i < 2000; i++)
        {
            var chars = new char[rng.Next(0, 1200)];
            for (var j = 0; j < chars.Length; j++) chars[j] = (char)rng.Next(0, 0x10000); // includes lone surrogates
            var r = CommentScreen.Screen(new string(chars), ["Иванов"]);
            Assert.NotNull(r.Text);
            Assert.True(r.Text.Length <= chars.Length + 3 * chars.Length);
        }
    }
}
