package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.validation.Directory;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Persistence port for metadata versions and the DDL that follows them; see storage. */
public interface MetadataStore {
  /** The channel on which a published version is announced to every node (the version number). */
  String CHANNEL = "tessera_metadata";

  /** A stored version (history row). */
  record VersionInfo(int version, java.time.OffsetDateTime publishedAt, String publishedBy,
      Integer restoredFrom, String summary) {}

  /** The live version, or null on an empty database. Takes a lock when {@code forUpdate}. */
  Uni<StoredVersion> current(Tx tx, boolean forUpdate);

  Uni<StoredVersion> load(Tx tx, int version);

  Uni<List<VersionInfo>> history(Tx tx);

  /** Stores a new version and makes it current; returns its number. */
  Uni<Integer> append(Tx tx, List<JsonNode> definitions, String actor, Integer restoredFrom, String summary);

  /**
   * Brings the tables and indexes of {@code next} into shape from {@code previous} (null for none):
   * creates tables, renames tables/keys of renamed entities/fields, syncs indexes. Never drops data.
   * Returns a human-readable list of the changes.
   */
  Uni<List<String>> applyDdl(Tx tx, List<EntityDefinition> previous, List<EntityDefinition> next);

  /**
   * The users and teams that exist now (live records of the built-in {@code user} and {@code team}
   * entities; none before their first publish), for checking what rules name.
   */
  Uni<Directory> directory(Tx tx);

  /** A stored set of definitions. */
  record StoredVersion(int version, List<JsonNode> definitions) {}
}
