package dev.tessera.security;

/** What a caller does with an entity's records; a role grants each separately. */
public enum Action { CREATE, READ, UPDATE, DELETE }
