package dev.tessera.record;

/** One sort key; lists of these are always completed with the id to make the order total. */
public record OrderKey(Column column, boolean descending) {}
