package dev.tessera.dedupe;

import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import java.util.Map;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.notification.Notification;
import dev.tessera.notification.NotificationStore;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Tells both owners of a collision (撞单) about it through their inboxes, when they are two different
 * people: the owner of the record being written and the owner of the record it matched. Written in the
 * transaction given, so a warned or linked write notifies with its commit, a blocked one in the
 * report's own transaction.
 */
@ApplicationScoped
public class CollisionNotices {
  static final String KIND = "duplicate";
  private final NotificationStore inbox;

  public CollisionNotices(NotificationStore inbox) {
    this.inbox = inbox;
  }

  /** Both owners hear of a collision; {@code name} and {@code otherName} name the two records. */
  public Uni<Void> notify(Tx tx, EntityDefinition e, MatchingRuleDefinition rule, DuplicateStore.Found f, String name,
      String otherName) {
    if (f.owner() == null || f.otherOwner() == null || f.owner().equals(f.otherOwner())) {
      return Uni.createFrom().voidItem();
    }
    Map<String, Object> args = DuplicateMessages.args(e, rule, f.duplicateOf(), otherName, f.otherOwner(), f.matched());
    args.put("name", name);
    args.put("id", f.recordId());
    args.put("owner", f.owner());
    boolean blocked = "block".equals(f.action()) || "skip".equals(f.action());
    return inbox.add(tx, List.of(
        notice(f.owner(), "TO_WRITER_TITLE", blocked ? "TO_WRITER_BLOCKED" : "TO_WRITER_SAVED", args, e,
            blocked ? f.duplicateOf() : f.recordId()),
        notice(f.otherOwner(), "TO_OWNER_TITLE", blocked ? "TO_OWNER_BLOCKED" : "TO_OWNER_SAVED", args, e, f.duplicateOf())));
  }

  private static Notification notice(String user, String title, String body, Map<String, Object> args, EntityDefinition e,
      java.util.UUID about) {
    LocalizedText t = DuplicateMessages.M.text(title, args);
    LocalizedText b = DuplicateMessages.M.text(body, args);
    return Notification.of(user, KIND, t.get(LocalizedText.ZH), t.get(LocalizedText.EN), b.get(LocalizedText.ZH),
        b.get(LocalizedText.EN), e.name(), about);
  }
}
