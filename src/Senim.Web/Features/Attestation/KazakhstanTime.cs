using Senim.Web.Features.Feedback.Invitations;

namespace Senim.Web.Features.Attestation;

/// <summary>Attestation dates are shown and typed in Kazakhstan time (UTC+5, one zone since March 2024) and stored in UTC.</summary>
public static class KazakhstanTime
{
    public static DateTime ToLocalKz(this DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc) + InvitationArtefacts.KazakhstanOffset;

    public static DateTime FromLocalKz(DateTime local) => DateTime.SpecifyKind(local - InvitationArtefacts.KazakhstanOffset, DateTimeKind.Utc);

    public static DateOnly TodayKz(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.ToLocalKz());
}
