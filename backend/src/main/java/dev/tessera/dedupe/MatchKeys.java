package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Normalized values that make two spellings of one contact equal: phones are already stored as E.164
 * (+8613812345678 whether typed with spaces, dashes or without +86); emails are case-folded and lose
 * their +tag (Li.Lei+douyin@QQ.com → li.lei@qq.com); other text is NFKC-folded (full-width letters
 * and digits become plain ones), lower-cased and has its spaces collapsed. Fuzzy similarity compares
 * trigram sets, as PostgreSQL's pg_trgm does.
 */
final class MatchKeys {
  private MatchKeys() {}

  /** The key of a value of {@code field}, or null for a blank value. */
  static String key(FieldDefinition field, Object value) {
    if (value == null) {
      return null;
    }
    String s = Normalizer.normalize(String.valueOf(value), Normalizer.Form.NFKC).strip();
    if (s.isEmpty()) {
      return null;
    }
    if (field.type() == FieldType.PHONE) {
      return s;
    }
    s = s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    if (field.type() == FieldType.EMAIL) {
      int at = s.lastIndexOf('@');
      int plus = s.indexOf('+');
      if (at > 0 && plus >= 0 && plus < at) {
        s = s.substring(0, plus) + s.substring(at);
      }
    }
    return s;
  }

  /** For every exact criterion of the entity's active matching rules: field to the record's keys. */
  static Map<String, Set<String>> exactKeys(EntityDefinition e, List<JsonNode> rules, Map<String, Object> data) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (JsonNode rule : rules) {
      for (JsonNode c : rule.path("criteria")) {
        if (!"exact".equals(c.path("match").asText())) {
          continue;
        }
        FieldDefinition f = e.field(c.path("field").asText()).orElse(null);
        String k = f == null ? null : key(f, data.get(f.name()));
        if (k != null) {
          out.computeIfAbsent(f.name(), x -> new LinkedHashSet<>()).add(k);
        }
      }
    }
    return out;
  }

  /** For every fuzzy criterion of the entity's active matching rules: field to the record's normalized text. */
  static Map<String, String> fuzzyTexts(EntityDefinition e, List<JsonNode> rules, Map<String, Object> data) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode rule : rules) {
      for (JsonNode c : rule.path("criteria")) {
        FieldDefinition f = "fuzzy".equals(c.path("match").asText()) ? e.field(c.path("field").asText()).orElse(null) : null;
        String k = f == null ? null : key(f, data.get(f.name()));
        if (k != null) {
          out.put(f.name(), k);
        }
      }
    }
    return out;
  }

  /** Trigram similarity in [0, 1] of two normalized texts (1 = same trigrams). */
  static double similarity(String a, String b) {
    Set<String> x = trigrams(a);
    Set<String> y = trigrams(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    Set<String> both = new HashSet<>(x);
    both.retainAll(y);
    return (double) both.size() / (x.size() + y.size() - both.size());
  }

  private static Set<String> trigrams(String s) {
    Set<String> out = new HashSet<>();
    for (String word : s.split("[^\\p{L}\\p{N}]+")) {
      if (word.isEmpty()) {
        continue;
      }
      int[] cps = ("  " + word + " ").codePoints().toArray();
      for (int i = 0; i + 3 <= cps.length; i++) {
        out.add(new String(cps, i, 3));
      }
    }
    return out;
  }
}
