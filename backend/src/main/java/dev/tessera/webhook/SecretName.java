package dev.tessera.webhook;

import java.time.OffsetDateTime;

/** A secret's name and when and by whom it was last set, never its value. */
public record SecretName(String name, OffsetDateTime updatedAt, String updatedBy) {}
