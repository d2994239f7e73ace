namespace Senim.Web.Features.Organisation;

/// <summary>One of the 17 regions or 3 cities of republican significance.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public RegionKind Kind { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public long Population { get; set; }
    public string? PopulationNote { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum RegionKind { Region = 0, City = 1 }

public sealed class District
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string RegionCode { get; set; }
    public DistrictKind Kind { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public long? Population { get; set; }
}

public enum DistrictKind { CityDistrict = 0, RuralDistrict = 1, City = 2 }

public enum UnitKind
{
    Ministry = 0,
    RegionalDepartment = 1,
    DistrictDirectorate = 2,
    Division = 3,
    FrontOffice = 4,
    LocalPost = 5,
    Akimat = 6,
    AkimatDepartment = 7,
}

/// <summary>A node of an organisation tree. <see cref="Path"/> is the materialised path of ids from the root
/// ("/{root}/{child}/.../{this}/"), so a subtree is one indexed prefix query on either database.</summary>
public sealed class Unit
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? ParentId { get; set; }
    public UnitKind Kind { get; set; }
    public required string Code { get; set; }
    public required string NameKk { get; set; }
    public required string NameRu { get; set; }
    public required string NameEn { get; set; }
    public string? RegionCode { get; set; }
    public Guid? DistrictId { get; set; }
    public required string Path { get; set; }
    public int Depth { get; set; }

    public static string ChildPath(string? parentPath, Guid id) => (parentPath ?? "/") + id.ToString("N") + "/";
}

public enum PositionCategory
{
    Patrol = 0,
    Investigator = 1,
    DistrictInspector = 2,
    JuvenileInspector = 3,
    Teaching = 4,
    Other = 5,
}

public enum ManagerialLevel { None = 0, Junior = 1, Middle = 2, Senior = 3 }

/// <summary>A post in the staffing table. It is vacant when no employee holds it (derived, never stored).</summary>
public sealed class Position
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UnitId { get; set; }
    public required string TitleKk { get; set; }
    public required string TitleRu { get; set; }
    public required string TitleEn { get; set; }
    public PositionCategory Category { get; set; }
    public ManagerialLevel Level { get; set; }
    public long BaseSalaryKzt { get; set; }
    public int Version { get; set; }
}

public enum Sex { Male = 0, Female = 1 }

public sealed class Employee
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string PersonnelNumber { get; set; }
    public required string LastName { get; set; }
    public required string FirstName { get; set; }
    public string? MiddleName { get; set; }
    public Sex Sex { get; set; }
    public DateOnly BirthDate { get; set; }
    public Guid UnitId { get; set; }
    public Guid? PositionId { get; set; }
    public DateOnly HireDate { get; set; }
    public string? BadgeNumber { get; set; }
    /// <summary>Upper-cased "last first middle personnel-number" for case-insensitive search on both databases.</summary>
    public string SearchText { get; set; } = "";
    public int Version { get; set; }

    public string FullName => MiddleName is null ? $"{LastName} {FirstName}" : $"{LastName} {FirstName} {MiddleName}";

    public void RefreshSearchText() =>
        SearchText = $"{LastName} {FirstName} {MiddleName} {PersonnelNumber}".ToUpperInvariant();
}
