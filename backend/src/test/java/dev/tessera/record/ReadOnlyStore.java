package dev.tessera.record;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Test access to stored rows through the real store, each read on its own connection. */
@ApplicationScoped
public class ReadOnlyStore {
  private final RecordStore store;
  private final TxRunner tx;

  public ReadOnlyStore(RecordStore store, TxRunner tx) {
    this.store = store;
    this.tx = tx;
  }

  public Uni<DataRecord> findById(EntityDefinition e, UUID id, boolean deleted) {
    return tx.withConnection(t -> store.findById(t, e, id, deleted));
  }
}
