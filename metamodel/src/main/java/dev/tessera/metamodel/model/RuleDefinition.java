package dev.tessera.metamodel.model;

/** A validation rule: {@code assertion} (JSON {@code "assert"}) must hold for a write to succeed. */
public record RuleDefinition(String id, String name, String assertion, LocalizedText message) {}
