package dev.tessera.webhook;

import dev.tessera.audit.SecurityEvent;
import dev.tessera.audit.SecurityLog;
import dev.tessera.identity.AccountAdmin;
import dev.tessera.identity.Principal;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Named secrets (webhook signing secrets, inbound sources' secrets), kept out of metadata so packs never
 * carry them. Administrators ({@link AccountAdmin#isAdmin}) set and delete them and list their names;
 * no API answer ever holds a value: only the signing and checking code reads one ({@link #value}).
 */
@ApplicationScoped
public class SecretService {
  static final Pattern NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9_.-]{0,99}$");
  static final int MIN_VALUE = 16;
  static final int MAX_VALUE = 4096;
  private final SecretStore store;
  private final TxRunner tx;
  private final AccountAdmin admin;
  private final SecurityLog security;

  public SecretService(SecretStore store, TxRunner tx, AccountAdmin admin, SecurityLog security) {
    this.store = store;
    this.tx = tx;
    this.admin = admin;
    this.security = security;
  }

  public Uni<Boolean> set(Principal caller, String name, String value) {
    requireAdmin(caller);
    checkName(name);
    if (value == null || value.length() < MIN_VALUE || value.length() > MAX_VALUE) {
      throw WebhookMessages.refused(ErrorCode.VALIDATION_FAILED, "SECRET_LENGTH", Map.of("min", MIN_VALUE, "max", MAX_VALUE),
          "value");
    }
    SecurityEvent set = SecurityEvent.of(SecurityEvent.Kind.SECRET_SET, caller.actor("graphql"), name, null, Map.of());
    return tx.inTransaction(t -> store.put(t, name, value, caller.username()).chain(() -> security.write(t, set)))
        .replaceWith(true);
  }

  public Uni<Boolean> delete(Principal caller, String name) {
    requireAdmin(caller);
    checkName(name);
    SecurityEvent deleted = SecurityEvent.of(SecurityEvent.Kind.SECRET_DELETED, caller.actor("graphql"), name, null, Map.of());
    return tx.inTransaction(t -> store.delete(t, name).call(done -> done ? security.write(t, deleted)
        : Uni.createFrom().voidItem()));
  }

  public Uni<List<SecretName>> names(Principal caller) {
    requireAdmin(caller);
    return tx.withConnection(store::names);
  }

  /** The value of a secret for signing or checking (never for an answer); null when there is none. */
  public Uni<String> value(String name) {
    return name == null ? Uni.createFrom().nullItem() : tx.withConnection(t -> store.value(t, name));
  }

  private static void checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw WebhookMessages.refused(ErrorCode.VALIDATION_FAILED, "SECRET_NAME", Map.of("name", String.valueOf(name)), "name");
    }
  }

  /** Administrators only, as for API keys. */
  void requireAdmin(Principal caller) {
    admin.requireAdmin(caller);
  }
}
