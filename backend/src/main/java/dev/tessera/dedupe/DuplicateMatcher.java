package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
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
  public Uni<List<Match>> matches(Tx tx, EntityDefinition e, JsonNode rule, Map<String, Object> data,
      Map<String, Set<String>> keys, Map<String, String> texts, UUID self) {
    List<DuplicateStore.Seek> seeks = new ArrayList<>();
    seekFields(rule).forEach((field, limit) -> keys.getOrDefault(field, Set.of())
        .forEach(k -> seeks.add(new DuplicateStore.Seek(field, k, limit))));
    Map<UUID, DataRecord> found = new LinkedHashMap<>();
    Set<UUID> candidates = new LinkedHashSet<>();
    Uni<Void> lookups = seeks.isEmpty() ? Uni.createFrom().voidItem()
        : store.sharing(tx, e, seeks, self).invoke(rs -> rs.forEach(r -> found.put(r.id(), r))).replaceWithVoid();
    for (JsonNode c : rule.path("criteria")) {
      String field = c.path("field").asText();
      if ("fuzzy".equals(c.path("match").asText()) && texts.containsKey(field)) {
        double min = Math.max(0.1, c.path("minSimilarity").asDouble(0.3));
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
    List<JsonNode> rules = DuplicateHook.rules(meta, e.name());
    Map<String, Set<String>> keys = MatchKeys.exactKeys(e, rules, data);
    Map<String, String> texts = MatchKeys.fuzzyTexts(e, rules, data);
    List<Candidate> out = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (JsonNode rule : rules) {
      chain = chain.chain(() -> matches(tx, e, rule, data, keys, texts, self).invoke(found -> found.stream()
          .filter(m -> m.score() + 1e-9 >= rule.path("threshold").asDouble(1)).limit(LISTED)
          .forEach(m -> out.add(new Candidate(rule.path("name").asText(), rule.path("action").asText("block"), m))))
          .replaceWithVoid());
    }
    return chain.map(v -> out);
  }

  /** The key fields a rule looks candidates up by, with the most records one key brings in. */
  private static Map<String, Integer> seekFields(JsonNode rule) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (JsonNode c : rule.path("criteria")) {
      String field = c.path("field").asText();
      switch ("exact".equals(c.path("match").asText()) ? "exact" : MatchKeys.compareAs(c)) {
        case "exact" -> out.put(field, EXACT_CANDIDATES);
        case "personName" -> out.put(field + "#person", BLOCK_CANDIDATES);
        case "companyName" -> out.put(field + "#company", BLOCK_CANDIDATES);
        default -> { }
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
  static double score(EntityDefinition e, JsonNode rule, Map<String, Object> mine, Map<String, Object> theirs,
      List<String> matched) {
    double total = 0;
    double got = 0;
    for (JsonNode c : rule.path("criteria")) {
      FieldDefinition f = e.field(c.path("field").asText()).orElse(null);
      String a = f == null ? null : MatchKeys.key(f, mine.get(f.name()));
      String b = f == null ? null : MatchKeys.key(f, theirs.get(f.name()));
      double weight = c.path("weight").asDouble(1);
      if (a == null || b == null) {
        total += a == null && b == null ? 0 : weight * ONE_SIDED;
        continue;
      }
      total += weight;
      if ("exact".equals(c.path("match").asText())) {
        if (a.equals(b)) {
          got += weight;
          matched.add(f.name());
        }
      } else {
        double sim = Similarity.of(MatchKeys.compareAs(c), a, b);
        if (sim >= c.path("minSimilarity").asDouble(0)) {
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
