package dev.tessera.dedupe;

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

  public Uni<Void> notify(Tx tx, EntityDefinition e, DuplicateStore.Found f) {
    if (f.owner() == null || f.otherOwner() == null || f.owner().equals(f.otherOwner())) {
      return Uni.createFrom().voidItem();
    }
    return inbox.add(tx, List.of(toWriter(e, f), toOtherOwner(e, f)));
  }

  /** A blocked write, or an import row skipped as a duplicate: nothing was saved. */
  private static boolean stopped(DuplicateStore.Found f) {
    return "block".equals(f.action()) || "skip".equals(f.action());
  }

  private static Notification toWriter(EntityDefinition e, DuplicateStore.Found f) {
    boolean blocked = stopped(f);
    String zh = zh(e);
    String en = e.label().get("en");
    String why = " (same " + matched(f) + ") [rule " + f.rule() + "]";
    String whyZh = "（相同：" + matched(f) + "）【规则 " + f.rule() + "】";
    return Notification.of(f.owner(), KIND, "撞单：与" + f.otherOwner() + "的" + zh + "重复",
        "Duplicate: matches a " + en + " of " + f.otherOwner(),
        (blocked ? "你的新" + zh + "未保存：" : "你的" + zh + " " + f.recordId() + " ") + "与 " + f.otherOwner() + " 负责的记录 "
            + f.duplicateOf() + " 重复" + whyZh,
        (blocked ? "Your new " + en + " was not saved: it" : "Your " + en + " " + f.recordId()) + " matches "
            + f.duplicateOf() + ", owned by " + f.otherOwner() + why,
        e.name(), blocked ? f.duplicateOf() : f.recordId());
  }

  private static Notification toOtherOwner(EntityDefinition e, DuplicateStore.Found f) {
    boolean blocked = stopped(f);
    String zh = zh(e);
    String en = e.label().get("en");
    return Notification.of(f.otherOwner(), KIND, "撞单：" + f.owner() + "录入了与你的" + zh + "重复的记录",
        "Duplicate: " + f.owner() + " entered a copy of your " + en,
        f.owner() + " 录入的" + zh + "与你负责的记录 " + f.duplicateOf() + " 重复（相同：" + matched(f) + "）"
            + (blocked ? "，已被拦截" : "，已保存为 " + f.recordId()) + "【规则 " + f.rule() + "】",
        "A " + en + " entered for " + f.owner() + " matches your " + f.duplicateOf() + " (same " + matched(f) + ")"
            + (blocked ? "; it was blocked" : "; it was saved as " + f.recordId()) + " [rule " + f.rule() + "]",
        e.name(), f.duplicateOf());
  }

  private static String zh(EntityDefinition e) {
    return e.label().get("zh-CN");
  }

  private static String matched(DuplicateStore.Found f) {
    return String.join(", ", f.matched());
  }
}
