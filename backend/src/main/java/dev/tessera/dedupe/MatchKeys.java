package dev.tessera.dedupe;

import dev.tessera.metamodel.model.MatchingRuleDefinition.CompareAs;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Criterion;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import java.text.Normalizer;
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

  /**
   * The keys a record is found by: for every exact criterion of the entity's active matching rules,
   * field to the record's normalized value; for every fuzzy one comparing names, its blocking keys.
   */
  static Map<String, Set<String>> exactKeys(EntityDefinition e, List<MatchingRuleDefinition> rules, Map<String, Object> data) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (MatchingRuleDefinition rule : rules) {
      String person = null;
      String company = null;
      for (Criterion c : rule.criteria()) {
        FieldDefinition f = c.field() == null ? null : e.field(c.field()).orElse(null);
        String k = f == null ? null : key(f, data.get(f.name()));
        if (k == null) {
          continue;
        }
        if (c.exact()) {
          add(out, f.name(), k);
        } else if (c.comparedAs() == CompareAs.PERSON_NAME && person == null) {
          person = k;
          add(out, f.name() + "#person", NameKeys.pinyinKey(k));
        } else if (c.comparedAs() == CompareAs.COMPANY_NAME && company == null) {
          company = NameKeys.companyCore(k);
          add(out, f.name() + "#company", company);
        }
      }
      pairKeys(rule, person, company, out);
    }
    out.values().removeIf(Set::isEmpty);
    return out;
  }

  /** A person at a company: every key of the name with the company's core (a typo in the name still meets). */
  private static void pairKeys(MatchingRuleDefinition rule, String person, String company, Map<String, Set<String>> out) {
    if (person == null || company == null) {
      return;
    }
    String field = pairField(rule);
    for (String k : NameKeys.personKeys(person)) {
      add(out, field, k + "|" + company);
    }
  }

  /** The key field of a rule's person-at-company keys, e.g. {@code name&company}; null when it compares no such pair. */
  static String pairField(MatchingRuleDefinition rule) {
    String person = null;
    String company = null;
    for (Criterion c : rule.criteria()) {
      if (c.fuzzy() && c.comparedAs() == CompareAs.PERSON_NAME && person == null) {
        person = c.field();
      } else if (c.fuzzy() && c.comparedAs() == CompareAs.COMPANY_NAME && company == null) {
        company = c.field();
      }
    }
    return person == null || company == null ? null : person + "&" + company;
  }

  private static void add(Map<String, Set<String>> out, String field, String key) {
    Set<String> keys = out.computeIfAbsent(field, x -> new LinkedHashSet<>());
    if (key != null) {
      keys.add(key);
    }
  }

  /**
   * For every fuzzy criterion of the entity's active matching rules that compares text by trigrams:
   * field to the record's normalized text. Names compared as names are found by their blocking keys:
   * trigrams of a legal suffix (有限公司) or of a common family name match most rows, so a trigram
   * lookup of them reads a large part of the index (measured 3 ms at 30,000 companies).
   */
  static Map<String, String> fuzzyTexts(EntityDefinition e, List<MatchingRuleDefinition> rules, Map<String, Object> data) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MatchingRuleDefinition rule : rules) {
      for (Criterion c : rule.criteria()) {
        boolean trigrams = c.fuzzy() && c.comparedAs() == CompareAs.TEXT;
        FieldDefinition f = trigrams && c.field() != null ? e.field(c.field()).orElse(null) : null;
        String k = f == null ? null : key(f, data.get(f.name()));
        if (k != null) {
          out.put(f.name(), k);
        }
      }
    }
    return out;
  }

  /** A stored record's keys and texts under the rules, as the key tables hold them. */
  static DuplicateStore.RecordKeys of(EntityDefinition e, List<MatchingRuleDefinition> rules, dev.tessera.record.DataRecord r) {
    return new DuplicateStore.RecordKeys(r.id(), exactKeys(e, rules, r.data()), fuzzyTexts(e, rules, r.data()));
  }
}
