package dev.tessera.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.audit.SecurityEvent;
import dev.tessera.platform.Actor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the security log says of a publish: the version, which definitions were added, changed and removed
 * ({@code kind:name}), the role definitions among them named on their own (they change who may do what), and
 * for a rollback the version restored, for a pack install the pack.
 */
final class PublishAudit {
  private PublishAudit() {}

  /** The pack a publish installs: its name and version. */
  record Pack(String name, String version) {}

  /** The events of a publish that committed version {@code version}. */
  static List<SecurityEvent> events(List<JsonNode> before, List<JsonNode> after, int version, Integer restoredFrom,
      Pack pack, Actor actor) {
    Map<String, JsonNode> was = byKey(before);
    Map<String, JsonNode> now = byKey(after);
    TreeSet<String> added = new TreeSet<>();
    TreeSet<String> changed = new TreeSet<>();
    TreeSet<String> removed = new TreeSet<>(was.keySet());
    removed.removeAll(now.keySet());
    now.forEach((key, def) -> {
      JsonNode old = was.get(key);
      if (old == null) {
        added.add(key);
      } else if (!old.equals(def)) {
        changed.add(key);
      }
    });
    TreeSet<String> roles = new TreeSet<>();
    for (TreeSet<String> set : List.of(added, changed, removed)) {
      set.stream().filter(k -> k.startsWith("role:")).forEach(k -> roles.add(k.substring(5)));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("version", version);
    details.put("added", List.copyOf(added));
    details.put("changed", List.copyOf(changed));
    details.put("removed", List.copyOf(removed));
    details.put("rolesChanged", List.copyOf(roles));
    if (restoredFrom != null) {
      details.put("restoredFrom", restoredFrom);
    }
    SecurityEvent.Kind kind = restoredFrom != null ? SecurityEvent.Kind.METADATA_RESTORED : SecurityEvent.Kind.METADATA_PUBLISHED;
    List<SecurityEvent> out = new ArrayList<>();
    out.add(SecurityEvent.of(kind, actor, Integer.toString(version), null, details));
    if (pack != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("pack", pack.name());
      p.put("packVersion", pack.version());
      p.put("version", version);
      out.add(SecurityEvent.of(SecurityEvent.Kind.PACK_INSTALLED, actor, pack.name(), null, p));
    }
    return out;
  }

  private static Map<String, JsonNode> byKey(List<JsonNode> defs) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode d : defs) {
      out.put(d.path("kind").asText() + ":" + d.path("name").asText(), d);
    }
    return out;
  }
}
