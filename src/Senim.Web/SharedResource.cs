namespace Senim.Web;

/// <summary>Marker type for the shared .resx files in Resources/: SharedResource.resx is Kazakh (the neutral,
/// default culture), SharedResource.ru.resx Russian, SharedResource.en.resx English.</summary>
public sealed class SharedResource;
