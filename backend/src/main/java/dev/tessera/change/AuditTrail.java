package dev.tessera.change;

import dev.tessera.audit.ActivityKey;
import dev.tessera.audit.AuditCursors;
import dev.tessera.audit.AuditLogFilter;
import dev.tessera.audit.AuditLogStore;
import dev.tessera.audit.AuditMessages;
import dev.tessera.audit.AuditPage;
import dev.tessera.audit.SecurityEvent;
import dev.tessera.identity.AccountAdmin;
import dev.tessera.identity.Principal;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.RequestMessages;
import dev.tessera.platform.Tx;
import dev.tessera.platform.TxRunner;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The audit trail of record changes, kept from the change feed: who changed which fields from what to
 * what, when and through which path. It is written in the transaction that advances its checkpoint, so
 * each change is kept exactly once, and it outlives the feed's retention ({@code AuditRetention} purges it).
 * Every read of audit data goes through here: a record's history, a user's activity (record changes and
 * security events merged) and the security log, so access is decided in this one class.
 */
@ApplicationScoped
public class AuditTrail implements ChangeSubscriber {
  /** Largest page. */
  public static final int MAX_PAGE = 100;
  private final AuditStore store;
  private final AuditLogStore log;
  private final AccountAdmin admins;
  private final TxRunner tx;

  public AuditTrail(AuditStore store, AuditLogStore log, AccountAdmin admins, TxRunner tx) {
    this.store = store;
    this.log = log;
    this.admins = admins;
    this.tx = tx;
  }

  @Override
  public String name() {
    return "audit";
  }

  @Override
  public Uni<Void> deliver(Tx t, List<Change> batch) {
    return store.record(t, batch);
  }

  /** The trail is a copy inside the database: no change passes through the application. */
  @Override
  public RangeDelivery range() {
    return store::recordRange;
  }

  /** A record's changes, newest first, {@code first} per page after the cursor {@code after}. */
  public Uni<AuditPage<AuditEntry>> history(String entity, UUID id, int first, String after) {
    List<String> cursor = AuditCursors.decode(after, 1);
    Long before = cursor == null ? null : number(cursor.get(0));
    int n = pageSize(first);
    return tx.withConnection(t -> store.history(t, entity, id, before, n + 1))
        .map(rows -> page(rows.stream().map(AuditEntry::of).toList(), n, after, e -> AuditCursors.encode(e.position())));
  }

  /**
   * What a user did and what happened to their account, newest first: the record changes they made and the
   * security events by or about them (sign-ins, failed ones included, password changes, keys, publishes).
   * Administrators only.
   */
  public Uni<AuditPage<ActivityEntry>> userActivity(Principal caller, String username, int first, String after) {
    requireAuditor(caller);
    List<String> c = AuditCursors.decode(after, 3);
    ActivityKey before = c == null ? null : new ActivityKey(time(c.get(0)), (int) number(c.get(1)), number(c.get(2)));
    int n = pageSize(first);
    return tx.withConnection(t -> store.byActor(t, username, before, n + 1)
        .chain(changes -> log.eventsOf(t, username, before, n + 1).map(events -> {
          List<ActivityEntry> all = new ArrayList<>();
          changes.forEach(ch -> all.add(ActivityEntry.of(AuditEntry.of(ch))));
          events.forEach(ev -> all.add(ActivityEntry.of(ev)));
          all.sort(ActivityEntry.NEWEST_FIRST);
          return page(all, n, after, a -> AuditCursors.encode(a.key().at(), a.key().rank(), a.key().id()));
        })));
  }

  /** The security log (sign-ins, keys, publishes ...), newest first, filtered. Administrators only. */
  public Uni<AuditPage<SecurityEvent>> securityLog(Principal caller, AuditLogFilter filter, int first, String after) {
    requireAuditor(caller);
    List<String> c = AuditCursors.decode(after, 1);
    Long before = c == null ? null : number(c.get(0));
    int n = pageSize(first);
    return tx.withConnection(t -> log.events(t, filter == null ? AuditLogFilter.ALL : filter, before, n + 1))
        .map(rows -> page(rows, n, after, e -> AuditCursors.encode(e.id())));
  }

  /**
   * The one check of who may read other people's activity and the security log: today an administrator
   * ({@link AccountAdmin#isAdmin}); a caller without a credential is told to sign in.
   */
  public void requireAuditor(Principal caller) {
    if (caller == null) {
      throw AuditMessages.refused(ErrorCode.UNAUTHENTICATED, "SIGN_IN_REQUIRED");
    }
    if (!admins.isAdmin(caller)) {
      throw AuditMessages.refused(ErrorCode.FORBIDDEN, "AUDITORS_ONLY");
    }
  }

  private static <T> AuditPage<T> page(List<T> rows, int n, String after, Function<T, String> cursor) {
    boolean more = rows.size() > n;
    List<T> shown = more ? rows.subList(0, n) : rows;
    return new AuditPage<>(shown, shown.isEmpty() ? null : cursor.apply(shown.get(0)),
        shown.isEmpty() ? null : cursor.apply(shown.get(shown.size() - 1)), more, after != null);
  }

  private static int pageSize(int first) {
    if (first < 1 || first > MAX_PAGE) {
      throw RequestMessages.pageSize(MAX_PAGE);
    }
    return first;
  }

  private static long number(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw AuditCursors.bad();
    }
  }

  private static OffsetDateTime time(String s) {
    try {
      return OffsetDateTime.parse(s);
    } catch (java.time.format.DateTimeParseException e) {
      throw AuditCursors.bad();
    }
  }
}
