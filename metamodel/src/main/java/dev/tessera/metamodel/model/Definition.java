package dev.tessera.metamodel.model;

/**
 * A published metadata definition of any kind, as an immutable typed record. Engines read these from
 * the snapshot of a metadata version, never the raw JSON; each kind is registered once in
 * {@link dev.tessera.metamodel.validation.KindRegistry} with its reader, JSON Schema and semantic validator.
 */
public interface Definition {
  /** The kind's name as written in the JSON ({@code entity}, {@code pool} ...). */
  String kind();

  /** The stable id, assigned on first publish; null only before that. */
  String id();

  /** The API name. */
  String name();

  LocalizedText label();
}
