package dev.tessera.dedupe;

import java.util.UUID;

/** A reference a merge re-pointed: {@code entity}.{@code field} of {@code recordId} held {@code from}, a merged record. */
public record Repointed(String entity, String field, UUID recordId, UUID from) {}
