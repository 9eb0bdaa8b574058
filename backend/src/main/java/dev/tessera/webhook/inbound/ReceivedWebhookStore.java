package dev.tessera.webhook.inbound;

import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Persistence port of the inbound payloads already applied, by source and idempotency key; see storage. */
public interface ReceivedWebhookStore {
  /** What a payload of that key did, or null when none came before. */
  Uni<InboundResult> find(Tx tx, String source, String key);

  /** Records what a payload did, in the write's transaction; false when one of that key was recorded meanwhile. */
  Uni<Boolean> add(Tx tx, String source, String key, String entity, UUID recordId, boolean created);
}
