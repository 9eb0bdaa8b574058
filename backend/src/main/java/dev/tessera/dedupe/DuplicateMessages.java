package dev.tessera.dedupe;

import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.i18n.Messages;
import dev.tessera.platform.PlatformException.FieldError;
import dev.tessera.record.DataRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a duplicate finding says to a business user, from the dedupe catalog: the entity and fields by
 * their labels in the reader's language, the other record by its name (and id), its owner, the rule by
 * its label.
 */
final class DuplicateMessages {
  static final Messages M = Messages.of("dedupe");

  private DuplicateMessages() {}

  /**
   * The problem of a blocked write or skipped import row, or the warning of a write let through;
   * {@code seen} is {@code other} as the writer may see it (null: not at all, and then its name is not told).
   */
  static FieldError finding(EntityDefinition e, MatchingRuleDefinition rule, DataRecord other, DataRecord seen,
      List<String> matched, String code) {
    String first = matched.isEmpty() ? null : matched.get(0).replaceAll("~.*", "");
    Object otherName = seen == null ? M.text("HIDDEN_RECORD") : name(e, seen.data(), other.id());
    LocalizedText text = M.text(code, args(e, rule, other.id(), otherName, other.ownerId(), matched));
    return FieldError.of(first, code, text, rule.name());
  }

  /** The placeholders every duplicate message shares. */
  static Map<String, Object> args(EntityDefinition e, MatchingRuleDefinition rule, UUID otherId, Object otherName,
      String otherOwner, List<String> matched) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("entity", e.label());
    a.put("other", otherName);
    a.put("otherId", otherId);
    a.put("otherOwner", otherOwner == null ? M.text("NOBODY") : otherOwner);
    a.put("fields", fields(e, matched));
    a.put("rule", rule.label() != null ? rule.label() : LocalizedText.of(rule.name(), rule.name()));
    return a;
  }

  /** The matching fields by label, a fuzzy one with its similarity ({@code name~87%}). */
  static LocalizedText fields(EntityDefinition e, List<String> matched) {
    List<String> zh = new ArrayList<>();
    List<String> en = new ArrayList<>();
    for (String m : matched) {
      String[] parts = m.split("~", 2);
      LocalizedText label = e.field(parts[0]).map(FieldDefinition::label).orElse(LocalizedText.of(parts[0], parts[0]));
      LocalizedText t = parts.length == 1 ? label
          : M.text("SIMILAR", Map.of("field", label, "percent", parts[1].replace("%", "")));
      zh.add(t.get(LocalizedText.ZH));
      en.add(t.get(LocalizedText.EN));
    }
    return LocalizedText.of(String.join("、", zh), String.join(", ", en));
  }

  /** A record's name: its display field's value, else its id. */
  static String name(EntityDefinition e, Map<String, Object> data, UUID id) {
    Object v = e.displayField().map(f -> data.get(f.name())).orElse(null);
    return v == null || String.valueOf(v).isBlank() ? String.valueOf(id) : String.valueOf(v);
  }
}
