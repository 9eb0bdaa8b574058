package dev.tessera.identity;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An integrator's API key as listed to administrators: never its secret, only the first characters
 * ({@code prefix}) to tell keys apart.
 */
public record ApiKey(UUID id, String name, String role, String prefix, String createdBy, OffsetDateTime createdAt,
    OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {}
