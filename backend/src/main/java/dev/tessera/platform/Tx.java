package dev.tessera.platform;

/**
 * An open database transaction (or connection). Engines pass it from one store call to the next so
 * that a record write and the runtime rows it causes commit or roll back together; only the storage
 * package looks inside.
 */
public interface Tx {}
