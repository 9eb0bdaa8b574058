package dev.tessera.dedupe;

import dev.tessera.platform.Sequence;
import dev.tessera.metamodel.model.MatchingRuleDefinition.CompareAs;
import dev.tessera.metamodel.model.MatchingRuleDefinition.Criterion;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.platform.Tx;
import dev.tessera.record.DataRecord;
import dev.tessera.record.RecordStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The records a matching rule finds for a record's values, best first. Candidates come from index
 * seeks only, so a check costs the same at a thousand records as at a million: records sharing an
 * exact key (at most {@value #EXACT_CANDIDATES} per key) or a blocking key of a name (at most {@value #BLOCK_CANDIDATES} per
 * key), and the most similar texts by the trigram index ({@value #FUZZY_CANDIDATES} per fuzzy criterion
 * comparing text).
 * Each candidate is then scored in Java ({@link #score}); the best come first, more matched fields
 * first among equal scores.
 */
@ApplicationScoped
public class DuplicateMatcher {
  /** Most records one exact key (phone, email) brings in. */
  static final int EXACT_CANDIDATES = 100;
  /** Most similar records a fuzzy criterion brings in by trigrams. */
  static final int FUZZY_CANDIDATES = 20;
  /** Most records one blocking key brings in (a common name at no company is not a lead on its own). */
  static final int BLOCK_CANDIDATES = 50;

  /**
   * Share of its weight a criterion only one of the two records has a value for counts against them:
   * an unknown value is weaker evidence than a different one, so a lead typed with name and phone only
   * still matches the full record with that phone better than a namesake whose phone differs, yet a
   * similar name alone stays below the threshold.
   */
  static final double ONE_SIDED = 0.5;

  /** A record the rule matched, with its score and the fields that matched ("name~90%" for fuzzy ones). */
  public record Match(DataRecord record, double score, List<String> matched) {}

  /** A record at or above a rule's threshold, for a check before saving. */
  public record Candidate(String rule, String action, Match match) {}

  /** Most candidates one rule lists before saving. */
  static final int LISTED = 5;

  private final DuplicateStore store;
  private final RecordStore records;

  public DuplicateMatcher(DuplicateStore store, RecordStore records) {
    this.store = store;
    this.records = records;
  }

  /**
   * The records other than {@code self} scoring above 0 under {@code rule}, best first; {@code keys}
   * and {@code texts} are the record's ({@link MatchKeys#exactKeys}, {@link MatchKeys#fuzzyTexts}).
   */
  public Uni<List<Match>> matches(Tx tx, EntityDefinition e, MatchingRuleDefinition rule, Map<String, Object> data,
      Map<String, Set<String>> keys, Map<String, String> texts, UUID self) {
    List<DuplicateStore.Seek> seeks = new ArrayList<>();
    seekFields(rule).forEach((field, limit) -> keys.getOrDefault(field, Set.of())
        .forEach(k -> seeks.add(new DuplicateStore.Seek(field, k, limit))));
    Map<UUID, DataRecord> found = new LinkedHashMap<>();
    Set<UUID> candidates = new LinkedHashSet<>();
    Uni<Void> lookups = seeks.isEmpty() ? Uni.createFrom().voidItem()
        : store.sharing(tx, e, seeks, self).invoke(rs -> rs.forEach(r -> found.put(r.id(), r))).replaceWithVoid();
    for (Criterion c : rule.criteria()) {
      String field = c.field();
      if (c.fuzzy() && texts.containsKey(field)) {
        double min = Math.max(0.1, c.minSimilarity() == null ? 0.3 : c.minSimilarity().doubleValue());
        lookups = lookups.chain(() -> store.similar(tx, e.name(), field, texts.get(field), min, self, FUZZY_CANDIDATES)
            .invoke(candidates::addAll).replaceWithVoid());
      }
    }
    return lookups.chain(() -> {
      candidates.removeAll(found.keySet());
      return candidates.isEmpty() ? Uni.createFrom().item(List.<DataRecord>of()) : records.findByIds(tx, e, candidates);
    }).map(similar -> {
          similar.forEach(r -> found.put(r.id(), r));
          List<Match> out = new ArrayList<>();
          for (DataRecord other : found.values()) {
            List<String> matched = new ArrayList<>();
            double score = score(e, rule, data, other.data(), matched);
            if (score > 0) {
              out.add(new Match(other, score, matched));
            }
          }
          out.sort(Comparator.comparingDouble(Match::score).thenComparingInt(m -> m.matched().size()).reversed());
          return out;
        });
  }

  /**
   * What saving {@code data} (stored form, see RecordValidator.merge) would find, without writing: for
   * each active matching rule of {@code e}, the best records at or above its threshold, best first.
   * {@code self}, the record being edited, is left out (any id when creating).
   */
  public Uni<List<Candidate>> candidates(Tx tx, MetadataSnapshot meta, EntityDefinition e, Map<String, Object> data,
      UUID self) {
    List<MatchingRuleDefinition> rules = DuplicateHook.rules(meta, e.name());
    Map<String, Set<String>> keys = MatchKeys.exactKeys(e, rules, data);
    Map<String, String> texts = MatchKeys.fuzzyTexts(e, rules, data);
    List<Candidate> out = new ArrayList<>();
    return Sequence.each(rules, rule -> matches(tx, e, rule, data, keys, texts, self).invoke(found -> found.stream()
        .filter(m -> reaches(rule, m.score())).limit(LISTED)
        .forEach(m -> out.add(new Candidate(rule.name(), rule.action().jsonName(), m))))).map(v -> out);
  }

  /** The key fields a rule looks candidates up by, with the most records one key brings in. */
  /** A score at or above the rule's threshold (with room for rounding). */
  static boolean reaches(MatchingRuleDefinition rule, double score) {
    return score + 1e-9 >= rule.threshold().doubleValue();
  }

  private static Map<String, Integer> seekFields(MatchingRuleDefinition rule) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Criterion c : rule.criteria()) {
      String field = c.field();
      if (c.exact()) {
        out.put(field, EXACT_CANDIDATES);
      } else if (c.comparedAs() == CompareAs.PERSON_NAME) {
        out.put(field + "#person", BLOCK_CANDIDATES);
      } else if (c.comparedAs() == CompareAs.COMPANY_NAME) {
        out.put(field + "#company", BLOCK_CANDIDATES);
      }
    }
    String pair = MatchKeys.pairField(rule);
    if (pair != null) {
      out.put(pair, BLOCK_CANDIDATES);
    }
    return out;
  }

  /**
   * Matched weight over the weight of the criteria at least one record has a value for; 0 when none. A
   * criterion only one record has a value for counts {@value #ONE_SIDED} of its weight against the match,
   * one both leave blank nothing.
   */
  static double score(EntityDefinition e, MatchingRuleDefinition rule, Map<String, Object> mine, Map<String, Object> theirs,
      List<String> matched) {
    double total = 0;
    double got = 0;
    for (Criterion c : rule.criteria()) {
      FieldDefinition f = c.field() == null ? null : e.field(c.field()).orElse(null);
      String a = f == null ? null : MatchKeys.key(f, mine.get(f.name()));
      String b = f == null ? null : MatchKeys.key(f, theirs.get(f.name()));
      double weight = c.weight().doubleValue();
      if (a == null || b == null) {
        total += a == null && b == null ? 0 : weight * ONE_SIDED;
        continue;
      }
      total += weight;
      if (c.exact()) {
        if (a.equals(b)) {
          got += weight;
          matched.add(f.name());
        }
      } else {
        double sim = Similarity.of(c.comparedAs(), a, b);
        if (c.minSimilarity() == null || sim >= c.minSimilarity().doubleValue()) {
          got += weight * sim;
          if (sim > 0) {
            matched.add(f.name() + "~" + Math.round(sim * 100) + "%");
          }
        }
      }
    }
    return total == 0 ? 0 : got / total;
  }
}
