package dev.sharebridge.application.service.room;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of meeting rooms and their shared folders.
 *
 * @param publicUrl base of Sharebridge's own links (for the local provider), no trailing slash
 * @param providerName the name recorded with each folder ({@code local}, {@code nextcloud})
 * @param expiryDays the links' validity in days; empty = they never expire
 * @param creationLease how long one caller may hold the creation of a folder before another may take over
 * @param ticketTtl how long a signaling ticket stays valid
 * @param instanceLease how long an instance counts as running after its last heartbeat: its
 *     participants and its shared-folder creations are taken for gone after that
 */
public record RoomSettings(
        String publicUrl,
        String providerName,
        Optional<Integer> expiryDays,
        Duration creationLease,
        Duration ticketTtl,
        Duration instanceLease) {
    public RoomSettings {
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(expiryDays, "expiryDays");
        Objects.requireNonNull(instanceLease, "instanceLease");
        expiryDays.ifPresent(d -> {
            if (d < 1) {
                throw new IllegalArgumentException("expiry must be at least one day");
            }
        });
    }

    /** How often an instance renews its lease: a quarter of it, so three renewals may fail or be late. */
    public Duration heartbeatInterval() {
        return instanceLease.dividedBy(4);
    }

    public static RoomSettings defaults(String publicUrl, String providerName, Optional<Integer> expiryDays) {
        return new RoomSettings(
                publicUrl,
                providerName,
                expiryDays,
                Duration.ofMinutes(2),
                Duration.ofSeconds(60),
                Duration.ofSeconds(8));
    }
}
