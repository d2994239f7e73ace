namespace Senim.Web.Features.Surveys;

/// <summary>The standard trust-and-safety instrument that ships with Senim (questionnaire "standard", version 1),
/// and the standard themes of open answers. Fixed ids, so that every installation names them the same way. The
/// items follow the wording of the confidence and safety questions of well-established police public-attitude
/// surveys (e.g. London's Public Attitude Survey), asked on a 0–10 scale.</summary>
public static class StandardInstrument
{
    public static readonly DateTime CreatedAt = new(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);
    public const string Code = "standard";

    public static readonly Questionnaire Questionnaire = new()
    {
        Id = new("01930000-0000-7000-8000-0000000005a1"),
        Code = Code,
        Version = 1,
        Status = QuestionnaireStatus.Active,
        TitleKk = "Қауіпсіздік және полицияға сенім: стандартты сауалнама",
        TitleRu = "Безопасность и доверие к полиции: стандартная анкета",
        TitleEn = "Safety and trust in the police: standard questionnaire",
        CreatedAt = CreatedAt,
        CreatedBy = "system",
    };

    private static SurveyQuestion Scale(int n, string code, IndexMembership index, (string Kk, string Ru, string En) text,
        (string Kk, string Ru, string En) low, (string Kk, string Ru, string En) high) => new()
    {
        Id = new($"01930000-0000-7000-8000-0000000005b{n}"),
        QuestionnaireId = Questionnaire.Id,
        Order = n * 10,
        Code = code,
        Kind = QuestionKind.Scale0To10,
        Index = index,
        TextKk = text.Kk, TextRu = text.Ru, TextEn = text.En,
        LowKk = low.Kk, LowRu = low.Ru, LowEn = low.En,
        HighKk = high.Kk, HighRu = high.Ru, HighEn = high.En,
    };

    private static readonly (string, string, string) Disagree = ("Мүлдем келіспеймін", "Совершенно не согласен(на)", "Strongly disagree");
    private static readonly (string, string, string) Agree = ("Толық келісемін", "Полностью согласен(на)", "Strongly agree");

    public static readonly IReadOnlyList<SurveyQuestion> Questions =
    [
        Scale(1, "safe_dark", IndexMembership.Safety,
            ("Қараңғы түскеннен кейін өз ауданыңызда жалғыз жүргенде өзіңізді қаншалықты қауіпсіз сезінесіз?",
             "Насколько безопасно вы чувствуете себя, когда в одиночку идёте по своему району после наступления темноты?",
             "How safe do you feel walking alone in your area after dark?"),
            ("Мүлдем қауіпсіз емес", "Совсем небезопасно", "Very unsafe"), ("Толығымен қауіпсіз", "Совершенно безопасно", "Very safe")),
        Scale(2, "respect", IndexMembership.Trust,
            ("Ауданыңыздағы полиция адамдарға құрметпен қарайды.", "Полиция в вашем районе относится к людям с уважением.",
             "The police in your area treat people with respect."), Disagree, Agree),
        Scale(3, "listen", IndexMembership.Trust,
            ("Ауданыңыздағы полиция тұрғындарды алаңдататын мәселелерге құлақ асады.", "Полиция в вашем районе прислушивается к тому, что беспокоит жителей.",
             "The police in your area listen to the concerns of local people."), Disagree, Agree),
        Scale(4, "matters", IndexMembership.None,
            ("Ауданыңыздағы полиция осы жердің тұрғындары үшін маңызды мәселелермен айналысады.", "Полиция в вашем районе занимается тем, что важно для местных жителей.",
             "The police in your area deal with the things that matter to this community."), Disagree, Agree),
        Scale(5, "trust", IndexMembership.Trust,
            ("Ауданыңыздағы полицияға қаншалықты сенесіз?", "Насколько вы доверяете полиции в вашем районе?", "How much do you trust the police in your area?"),
            ("Мүлдем сенбеймін", "Совсем не доверяю", "Not at all"), ("Толық сенемін", "Полностью доверяю", "Completely")),
        new()
        {
            Id = new("01930000-0000-7000-8000-0000000005b6"),
            QuestionnaireId = Questionnaire.Id,
            Order = 60,
            Code = "problem",
            Kind = QuestionKind.OpenText,
            Index = IndexMembership.None,
            TextKk = "Сіздің ауданыңыздағы ең маңызды қауіпсіздік мәселесі қандай?",
            TextRu = "Какая проблема безопасности в вашем районе самая важная?",
            TextEn = "What is the most important safety problem in your area?",
        },
    ];

    private static SurveyTheme Theme(int n, string code, (string Kk, string Ru, string En) name, string kk, string ru, string en) => new()
    {
        Id = new($"01930000-0000-7000-8000-0000000005c{n:x}"),
        Code = code, NameKk = name.Kk, NameRu = name.Ru, NameEn = name.En,
        KeywordsKk = kk, KeywordsRu = ru, KeywordsEn = en, SortOrder = n * 10, UpdatedAt = CreatedAt, UpdatedBy = "system",
    };

    /// <summary>Keywords match the beginning of a word, case-insensitively ("пьян" matches "пьяные", "пьянство").</summary>
    public static readonly IReadOnlyList<SurveyTheme> Themes =
    [
        Theme(1, "lighting", ("Көше жарығы", "Освещение улиц", "Street lighting"), "жарық, шам, қараңғы", "освещ, фонар, темн, темень", "light, lamp, dark"),
        Theme(2, "alcohol", ("Маскүнемдік", "Пьянство", "Drunkenness"), "мас, ішімдік, арақ, маскүнем", "пьян, алкогол, выпив, водк", "drunk, alcohol, drinking"),
        Theme(3, "drugs", ("Есірткі", "Наркотики", "Drugs"), "есірткі, нашақор", "наркот, нарко, закладк", "drug, narcotic"),
        Theme(4, "theft", ("Ұрлық пен тонау", "Кражи и грабежи", "Theft and robbery"), "ұрлық, ұры, тонау, тонал", "краж, вор, грабеж, грабёж, угон", "theft, thie, steal, stole, burglar, robber"),
        Theme(5, "roads", ("Жол қауіпсіздігі", "Безопасность на дорогах", "Road safety"), "жол, көлік, жүргізуш, жылдамдық", "дорог, водител, скорост, дтп, пешеход", "road, traffic, driv, speed, pedestrian"),
        Theme(6, "hooliganism", ("Бұзақылық пен төбелес", "Хулиганство и драки", "Hooliganism and fights"), "бұзақы, төбелес, жанжал", "хулига, драк, дерут, вандал", "hooligan, fight, vandal"),
        Theme(7, "youth", ("Жасөспірімдер топтары", "Подростковые компании", "Groups of young people"), "жасөспірім, жастар", "подрост, молодёж, молодеж, компани", "youth, teen, gang, young"),
        Theme(8, "dogs", ("Қаңғыбас иттер", "Бродячие собаки", "Stray dogs"), "ит, иттер, қаңғыбас", "собак, псы, бродяч", "dog, stray"),
        Theme(9, "fraud", ("Алаяқтық", "Мошенничество", "Fraud and scams"), "алаяқ", "мошен, обман, развод", "fraud, scam"),
        Theme(10, "patrols", ("Полиция көрінбейді", "Мало полиции на улицах", "Too few police on the streets"), "патруль, учаскелік, полиция жоқ", "патрул, участков, нет полиции", "patrol, no police, police presence"),
    ];
}
