package dev.tessera.outbox;

/** A stored outbound message and where its delivery stands ({@code pending}, {@code sent} or {@code failed}). */
public record OutboxEntry(long id, OutboundMessage message, String state, int attempts, String lastError) {}
