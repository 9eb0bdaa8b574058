package dev.tessera.webhook.inbound;

import java.util.UUID;

/** What an inbound webhook did: the record it created or updated; {@code repeated}: its key was seen before, nothing changed. */
public record InboundResult(UUID recordId, boolean created, boolean repeated) {}
