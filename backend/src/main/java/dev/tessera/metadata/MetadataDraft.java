package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * An unpublished definition as the designer left it: complete or not, valid or not. Publishing
 * checks it; saving it never does beyond its kind and name, so half-done work is never lost.
 *
 * @param key the draft's identity: the definition's {@code id}, or {@code kind:name} before it has one
 * @param baseVersion the metadata version the draft started from (null for a new definition)
 * @param revision how often it was saved; a save names the revision it replaces
 */
public record MetadataDraft(String key, String kind, String name, JsonNode definition, Integer baseVersion,
    int revision, OffsetDateTime updatedAt, String updatedBy) {

  /** The key a definition is stored under: its id once published, else its kind and name. */
  public static String keyOf(String kind, String name, String id) {
    return id != null && !id.isBlank() ? "id:" + id : kind + ":" + name;
  }
}
