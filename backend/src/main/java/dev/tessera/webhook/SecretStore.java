package dev.tessera.webhook;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.List;

/** Persistence port of named secrets; see storage. Values leave it only through {@link #value}. */
public interface SecretStore {
  Uni<Void> put(Tx tx, String name, String value, String by);

  /** False when there was none of that name. */
  Uni<Boolean> delete(Tx tx, String name);

  Uni<List<SecretName>> names(Tx tx);

  /** The value, or null when there is none of that name. */
  Uni<String> value(Tx tx, String name);
}
