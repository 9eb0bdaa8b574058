package dev.tessera.metadata;

import dev.tessera.platform.RequestMessages;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Reads the definitions of any stored metadata version, so the designer can compare two versions. */
@ApplicationScoped
public class VersionReader {
  private final MetadataStore store;
  private final TxRunner tx;

  public VersionReader(MetadataStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  /** The definitions as version {@code version} published them; NOT_FOUND for a version never stored. */
  public Uni<List<JsonNode>> definitions(int version) {
    return tx.withConnection(t -> store.load(t, version)).map(stored -> {
      if (stored == null) {
        throw new PlatformException(ErrorCode.NOT_FOUND, RequestMessages.text("NO_VERSION", java.util.Map.of("version", version)), "version");
      }
      return stored.definitions();
    });
  }
}
