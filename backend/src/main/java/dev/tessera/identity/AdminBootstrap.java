package dev.tessera.identity;

import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataService;
import dev.tessera.platform.Actor;
import dev.tessera.platform.OffLoop;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.RecordService;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * First start: makes sure the built-in user entity exists, loads (or makes) the token signing key,
 * and creates the administrator ({@code tessera.auth.admin-username}, "admin") with the password from
 * TESSERA_ADMIN_PASSWORD, or a generated one printed once on the console, never logged and never
 * shown again. Later starts find the credential and change nothing.
 */
@ApplicationScoped
public class AdminBootstrap {
  private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);
  private final MetadataService metadata;
  private final MetadataRegistry registry;
  private final RecordService records;
  private final CredentialStore store;
  private final TxRunner tx;
  private final Tokens tokens;
  private final AuthSettings settings;

  public AdminBootstrap(MetadataService metadata, MetadataRegistry registry, RecordService records,
      CredentialStore store, TxRunner tx, Tokens tokens, AuthSettings settings) {
    this.metadata = metadata;
    this.registry = registry;
    this.records = records;
    this.store = store;
    this.tx = tx;
    this.tokens = tokens;
    this.settings = settings;
  }

  void onStart(@Observes @Priority(30) StartupEvent ev) {
    metadata.ensureBuiltIns().await().atMost(Duration.ofMinutes(2));
    tokens.load().await().atMost(Duration.ofMinutes(1));
    createAdmin().await().atMost(Duration.ofMinutes(1));
  }

  Uni<Void> createAdmin() {
    String admin = settings.adminUsername();
    return tx.withConnection(t -> store.account(t, admin)).chain(existing -> {
      if (existing != null) {
        return Uni.createFrom().voidItem();
      }
      boolean generated = settings.adminPassword().isEmpty();
      String password = settings.adminPassword().orElseGet(() -> Secrets.token("").substring(0, 20));
      return userRecord(admin).chain(() -> OffLoop.compute(() -> Passwords.hash(password)))
          .chain(hash -> tx.inTransaction(t -> store.createPassword(t, admin, hash)))
          .invoke(created -> announce(created, generated, admin, password)).replaceWithVoid();
    });
  }

  private Uni<Void> userRecord(String admin) {
    return tx.withConnection(t -> store.userStatus(t, admin)).chain(status -> status != null ? Uni.createFrom().voidItem()
        : records.create(registry.current(), "user", Map.of("username", admin, "name", "Administrator"), admin,
            Actor.SYSTEM).replaceWithVoid());
  }

  private static void announce(boolean created, boolean generated, String admin, String password) {
    if (!created) {
      return;
    }
    if (!generated) {
      LOG.infof("created the administrator %s with the password from TESSERA_ADMIN_PASSWORD", admin);
      return;
    }
    LOG.infof("created the administrator %s with a generated password, printed once on the console", admin);
    System.out.println("\n==== Tessera: sign in as \"" + admin + "\" with the password " + password
        + " (shown once; change it with changePassword) ====\n");
  }
}
