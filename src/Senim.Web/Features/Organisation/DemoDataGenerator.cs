namespace Senim.Web.Features.Organisation;

/// <summary>Builds a realistic organisation deterministically from a seed: the ministry, 20 regional police
/// departments, a directorate with a front office and a local police service per district (real district names
/// where the reference data has them), an akimat tree for the three cities, and employees with Kazakh and
/// Russian names in a staffing table with about 7% vacant posts.</summary>
public sealed class DemoDataGenerator(SenimDb db, TimeProvider clock)
{
    public sealed record Result(int Units, int Positions, int Employees, TimeSpan Elapsed);

    public static Stream OpenReferenceFile(string name) =>
        typeof(DemoDataGenerator).Assembly.GetManifestResourceStream("Senim.ReferenceData." + name)
        ?? throw new InvalidOperationException("Embedded reference file missing: " + name);

    /// <param name="unitCount">At least this many units in all (0: the plain tree): every district then gets as many
    /// local police posts as it takes, as in a large city's directorate with dozens of posts.</param>
    public async Task<Result> GenerateAsync(int seed, int employeeCount, IProgress<(string Stage, double Fraction)>? progress = null, int unitCount = 0,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(employeeCount);
        ArgumentOutOfRangeException.ThrowIfNegative(unitCount);
        var started = clock.GetTimestamp();
        var rng = new Random(seed);

        if (!await db.Regions.AnyAsync(ct))
        {
            var importer = new ReferenceDataImporter(db, clock);
            await using (var s = OpenReferenceFile("regions.csv")) await importer.ImportRegionsAsync(s, ct);
            await using (var s = OpenReferenceFile("districts.csv")) await importer.ImportDistrictsAsync(s, ct);
        }
        progress?.Report(("reference", 1));

        var regions = await db.Regions.AsNoTracking().OrderBy(r => r.Kind).ThenBy(r => r.Code).ToListAsync(ct);
        var districts = await db.Districts.OrderBy(d => d.RegionCode).ThenBy(d => d.NameEn).ToListAsync(ct);

        // Regions without district data get two generated districts each, so every region has a directorate.
        foreach (var r in regions.Where(r => districts.All(d => d.RegionCode != r.Code)))
        {
            for (var i = 1; i <= 2; i++)
            {
                var d = new District
                {
                    RegionCode = r.Code, Kind = DistrictKind.RuralDistrict,
                    NameKk = $"{i}-аудан ({r.NameKk})", NameRu = $"Район №{i} ({r.NameRu})", NameEn = $"District {i} ({r.NameEn})",
                };
                districts.Add(d);
                db.Districts.Add(d);
            }
        }
        await db.SaveChangesAsync(ct);

        var units = new List<Unit>();
        Unit Add(Unit? parent, UnitKind kind, string code, string kk, string ru, string en, string? region, Guid? district)
        {
            var id = Guid.CreateVersion7();
            var u = new Unit
            {
                Id = id, ParentId = parent?.Id, Kind = kind, Code = code, NameKk = kk, NameRu = ru, NameEn = en,
                RegionCode = region, DistrictId = district, Path = Unit.ChildPath(parent?.Path, id), Depth = (parent?.Depth ?? -1) + 1,
            };
            units.Add(u);
            return u;
        }

        // The plain tree: the ministry, a department per region, four units per district, three per city akimat.
        var plain = 1 + regions.Count + (4 * districts.Count) + (3 * regions.Count(r => r.Kind == RegionKind.City));
        var postsPerDistrict = Math.Max(1, 1 + (int)Math.Ceiling((unitCount - plain) / (double)Math.Max(1, districts.Count)));
        var ministry = Add(null, UnitKind.Ministry, "mvd", "Қазақстан Республикасының Ішкі істер министрлігі",
            "Министерство внутренних дел Республики Казахстан", "Ministry of Internal Affairs of the Republic of Kazakhstan", null, null);
        foreach (var r in regions)
        {
            var dp = Add(ministry, UnitKind.RegionalDepartment, "dp-" + r.Code, $"{r.NameKk} полиция департаменті",
                $"Департамент полиции: {r.NameRu}", $"Police Department: {r.NameEn}", r.Code, null);
            var n = 0;
            foreach (var d in districts.Where(d => d.RegionCode == r.Code))
            {
                n++;
                var code = $"{r.Code}-{n:00}";
                var up = Add(dp, UnitKind.DistrictDirectorate, "up-" + code, $"{d.NameKk} полиция басқармасы",
                    $"Управление полиции: {d.NameRu}", $"Police Directorate: {d.NameEn}", r.Code, d.Id);
                Add(up, UnitKind.FrontOffice, "fo-" + code, $"{d.NameKk}: фронт-офис", $"{d.NameRu}: фронт-офис", $"{d.NameEn}: front office", r.Code, d.Id);
                var lps = Add(up, UnitKind.Division, "lps-" + code, $"{d.NameKk}: жергілікті полиция қызметі",
                    $"{d.NameRu}: служба местной полицейской службы", $"{d.NameEn}: local police service", r.Code, d.Id);
                Add(lps, UnitKind.LocalPost, "post-" + code, $"{d.NameKk}: учаскелік полиция пункті",
                    $"{d.NameRu}: участковый пункт полиции", $"{d.NameEn}: local police post", r.Code, d.Id);
                for (var k = 2; k <= postsPerDistrict; k++)
                    Add(lps, UnitKind.LocalPost, $"post-{code}-{k:00}", $"{d.NameKk}: №{k} учаскелік полиция пункті",
                        $"{d.NameRu}: участковый пункт полиции №{k}", $"{d.NameEn}: local police post No. {k}", r.Code, d.Id);
            }
            if (r.Kind == RegionKind.City)
            {
                var akimat = Add(null, UnitKind.Akimat, "akimat-" + r.Code, $"{r.NameKk} қаласының әкімдігі", $"Акимат города {r.NameRu}",
                    $"Akimat of {r.NameEn}", r.Code, null);
                Add(akimat, UnitKind.AkimatDepartment, "akimat-" + r.Code + "-safety", "Қоғамдық қауіпсіздік бөлімі",
                    "Отдел общественной безопасности", "Public Safety Department", r.Code, null);
                Add(akimat, UnitKind.AkimatDepartment, "akimat-" + r.Code + "-services", "Мемлекеттік қызметтер бөлімі",
                    "Отдел государственных услуг", "Public Services Department", r.Code, null);
            }
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Units.AddRange(units);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        progress?.Report(("units", 1));

        // Employees are spread over operational units in proportion to a weight per unit kind.
        var staffed = units.Where(u => u.Kind is not (UnitKind.Ministry or UnitKind.Akimat)).ToList();
        double Weight(Unit u) => u.Kind switch
        {
            UnitKind.RegionalDepartment => 3, UnitKind.DistrictDirectorate => 6, UnitKind.Division => 5,
            UnitKind.FrontOffice => 1.5, UnitKind.AkimatDepartment => 0.6, _ => 1,
        };
        var totalWeight = staffed.Sum(Weight);
        var quota = staffed.Select(u => (Unit: u, Count: (int)Math.Floor(employeeCount * Weight(u) / totalWeight))).ToList();
        var remainder = employeeCount - quota.Sum(q => q.Count);
        for (var i = 0; remainder > 0; i = (i + 1) % quota.Count, remainder--) quota[i] = (quota[i].Unit, quota[i].Count + 1);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var serial = await db.Employees.CountAsync(ct);
        var positions = new List<Position>(8192);
        var employees = new List<Employee>(8192);
        var done = 0;
        foreach (var (unit, count) in quota)
        {
            for (var i = 0; i < count; i++)
            {
                var (category, level) = PostFor(unit.Kind, i, rng);
                var position = NewPosition(unit, category, level);
                positions.Add(position);
                employees.Add(NewEmployee(rng, unit, position, ++serial, today));
                // About one post in fourteen is vacant.
                if (rng.Next(14) == 0) positions.Add(NewPosition(unit, category, ManagerialLevel.None));
                done++;
            }
            if (positions.Count >= 8000)
            {
                await Flush(positions, employees, ct);
                progress?.Report(("employees", employeeCount == 0 ? 1 : (double)done / employeeCount));
            }
        }
        await Flush(positions, employees, ct);
        progress?.Report(("employees", 1));
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return new(units.Count, await db.Positions.CountAsync(ct), done, clock.GetElapsedTime(started));
    }

    private async Task Flush(List<Position> positions, List<Employee> employees, CancellationToken ct)
    {
        if (positions.Count == 0 && employees.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Positions.AddRange(positions);
        db.Employees.AddRange(employees);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        positions.Clear();
        employees.Clear();
    }

    private static (PositionCategory, ManagerialLevel) PostFor(UnitKind kind, int index, Random rng)
    {
        if (index == 0)
        {
            return kind switch
            {
                UnitKind.RegionalDepartment => (PositionCategory.Other, ManagerialLevel.Senior),
                UnitKind.DistrictDirectorate or UnitKind.Division => (PositionCategory.Other, ManagerialLevel.Middle),
                _ => (PositionCategory.Other, ManagerialLevel.Junior),
            };
        }
        if (kind is UnitKind.DistrictDirectorate && index % 12 == 1) return (PositionCategory.Investigator, ManagerialLevel.Middle);
        if (kind is UnitKind.Division && index % 15 == 1) return (PositionCategory.DistrictInspector, ManagerialLevel.Middle);
        var roll = rng.NextDouble();
        return kind switch
        {
            UnitKind.FrontOffice => (roll < 0.8 ? PositionCategory.Other : PositionCategory.DistrictInspector, ManagerialLevel.None),
            UnitKind.Division => (roll < 0.75 ? PositionCategory.DistrictInspector : PositionCategory.JuvenileInspector, ManagerialLevel.None),
            UnitKind.DistrictDirectorate => (roll < 0.5 ? PositionCategory.Patrol : roll < 0.85 ? PositionCategory.Investigator : PositionCategory.Other, ManagerialLevel.None),
            UnitKind.RegionalDepartment => (roll < 0.1 ? PositionCategory.Teaching : roll < 0.5 ? PositionCategory.Investigator : PositionCategory.Other, ManagerialLevel.None),
            _ => (PositionCategory.Other, ManagerialLevel.None),
        };
    }

    private static Position NewPosition(Unit unit, PositionCategory category, ManagerialLevel level)
    {
        var (kk, ru, en) = PositionTitles.For(category, level);
        return new Position
        {
            UnitId = unit.Id, Category = category, Level = level, TitleKk = kk, TitleRu = ru, TitleEn = en,
            BaseSalaryKzt = PositionTitles.BaseSalary(category, level),
        };
    }

    private static Employee NewEmployee(Random rng, Unit unit, Position position, int serial, DateOnly today)
    {
        var sex = rng.NextDouble() < 0.78 ? Sex.Male : Sex.Female;
        var kazakh = rng.NextDouble() < 0.7;
        string last, first, middle;
        if (kazakh)
        {
            var stem = Names.KazakhSurnameStems[rng.Next(Names.KazakhSurnameStems.Length)];
            last = sex == Sex.Male ? stem : stem + "а";
            first = sex == Sex.Male ? Names.KazakhMale[rng.Next(Names.KazakhMale.Length)] : Names.KazakhFemale[rng.Next(Names.KazakhFemale.Length)];
            var father = Names.KazakhMale[rng.Next(Names.KazakhMale.Length)];
            middle = father + (sex == Sex.Male ? "ұлы" : "қызы");
        }
        else
        {
            var stem = Names.RussianSurnameStems[rng.Next(Names.RussianSurnameStems.Length)];
            last = sex == Sex.Male ? stem : stem + "а";
            first = sex == Sex.Male ? Names.RussianMale[rng.Next(Names.RussianMale.Length)] : Names.RussianFemale[rng.Next(Names.RussianFemale.Length)];
            var father = Names.RussianPatronymicStems[rng.Next(Names.RussianPatronymicStems.Length)];
            middle = father + (sex == Sex.Male ? "ич" : "на");
        }
        var age = 22 + rng.Next(35);
        var birth = today.AddYears(-age).AddDays(-rng.Next(365));
        var service = Math.Min(age - 21, rng.Next(1, 30));
        var e = new Employee
        {
            PersonnelNumber = "P" + serial.ToString("D7", CultureInfo.InvariantCulture),
            LastName = last, FirstName = first, MiddleName = middle, Sex = sex, BirthDate = birth,
            UnitId = unit.Id, PositionId = position.Id, HireDate = today.AddYears(-service).AddDays(-rng.Next(300)),
            BadgeNumber = (100000 + serial).ToString(CultureInfo.InvariantCulture),
        };
        e.RefreshSearchText();
        return e;
    }
}

public static class PositionTitles
{
    public static (string Kk, string Ru, string En) For(PositionCategory category, ManagerialLevel level) => (category, level) switch
    {
        (_, ManagerialLevel.Senior) => ("Департамент бастығы", "Начальник департамента", "Head of department"),
        (PositionCategory.Investigator, ManagerialLevel.Middle) => ("Тергеу бөлімінің бастығы", "Начальник следственного отдела", "Head of investigations"),
        (PositionCategory.DistrictInspector, ManagerialLevel.Middle) => ("Учаскелік инспекторлар бөлімшесінің бастығы", "Начальник отделения участковых инспекторов", "Head of district inspectors"),
        (_, ManagerialLevel.Middle) => ("Басқарма бастығы", "Начальник управления", "Head of directorate"),
        (_, ManagerialLevel.Junior) => ("Фронт-офис жетекшісі", "Руководитель фронт-офиса", "Front office lead"),
        (PositionCategory.Patrol, _) => ("Патрульдік полиция инспекторы", "Инспектор патрульной полиции", "Patrol police inspector"),
        (PositionCategory.Investigator, _) => ("Тергеуші", "Следователь", "Investigator"),
        (PositionCategory.DistrictInspector, _) => ("Учаскелік полиция инспекторы", "Участковый инспектор полиции", "District police inspector"),
        (PositionCategory.JuvenileInspector, _) => ("Кәмелетке толмағандар ісі жөніндегі инспектор", "Инспектор по делам несовершеннолетних", "Juvenile affairs inspector"),
        (PositionCategory.Teaching, _) => ("Оқытушы", "Преподаватель", "Instructor"),
        _ => ("Маман", "Специалист", "Specialist"),
    };

    /// <summary>Demo base salaries in tenge per month (illustrative, not an official pay scale).</summary>
    public static long BaseSalary(PositionCategory category, ManagerialLevel level)
    {
        long b = category switch
        {
            PositionCategory.Patrol => 360_000, PositionCategory.Investigator => 390_000, PositionCategory.DistrictInspector => 350_000,
            PositionCategory.JuvenileInspector => 330_000, PositionCategory.Teaching => 310_000, _ => 280_000,
        };
        return b + level switch { ManagerialLevel.Senior => 400_000, ManagerialLevel.Middle => 180_000, ManagerialLevel.Junior => 80_000, _ => 0 };
    }
}

internal static class Names
{
    public static readonly string[] KazakhMale = ["Арман", "Ержан", "Нұрлан", "Данияр", "Асқар", "Бауыржан", "Ерлан", "Қайрат", "Серік", "Марат",
        "Думан", "Әлихан", "Айбек", "Ғалым", "Дәурен", "Жандос", "Талғат", "Бекзат", "Нұрбол", "Азамат", "Ерболат", "Мұрат", "Самат", "Жасұлан"];
    public static readonly string[] KazakhFemale = ["Айгүл", "Гүлнара", "Әсел", "Динара", "Жанар", "Мадина", "Ақмарал", "Сәуле", "Айжан",
        "Назерке", "Дана", "Гүлжан", "Ләззат", "Салтанат", "Әйгерім", "Аружан", "Жансая", "Камила"];
    public static readonly string[] KazakhSurnameStems = ["Әбенов", "Жұмабаев", "Серікбаев", "Қасымов", "Нұрланов", "Ахметов", "Байжанов", "Омаров",
        "Сұлтанов", "Тоқтаров", "Ермеков", "Иманов", "Мұхамеджанов", "Әлиев", "Бекмұхамбетов", "Қуанышев", "Сәрсенбаев", "Төлеуов", "Есенов",
        "Жақсылықов", "Оспанов", "Мұқанов", "Бейсенов", "Смағұлов", "Ибраев", "Рахимов", "Тұрсынов", "Абдрахманов"];
    public static readonly string[] RussianMale = ["Иван", "Сергей", "Алексей", "Дмитрий", "Андрей", "Николай", "Владимир", "Павел", "Михаил",
        "Евгений", "Виктор", "Олег", "Игорь", "Артём"];
    public static readonly string[] RussianFemale = ["Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Анна", "Екатерина", "Юлия", "Марина"];
    public static readonly string[] RussianSurnameStems = ["Иванов", "Петров", "Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Михайлов",
        "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Степанов", "Николаев"];
    public static readonly string[] RussianPatronymicStems = ["Иванов", "Сергеев", "Александров", "Николаев", "Викторов", "Петров", "Михайлов",
        "Владимиров", "Андреев", "Олегов"];
}
