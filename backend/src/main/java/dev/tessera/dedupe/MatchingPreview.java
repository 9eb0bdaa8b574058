package dev.tessera.dedupe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.RuleTrial;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.MatchingRuleDefinition;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.platform.Actor;
import dev.tessera.platform.Sequence;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordStore;
import dev.tessera.record.SystemColumn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Which stored records a matching rule (e.g. a draft) would flag, without saving the rule or any key:
 * each of the entity's newest records is looked up as a write would look it up (stored exact keys,
 * name blocks, trigram similarity) and, since a rule not yet published has no keys of its own, also
 * scored against the other records of the sample. Pairs at or above the rule's threshold are listed
 * once each, best first. Only reads.
 */
@ApplicationScoped
public class MatchingPreview {
  /** Most records a preview looks at. */
  static final int MAX = 100;

  /** A flagged pair: the newer record, the one it duplicates, the score and the fields that matched. */
  public record Flagged(DataRecord record, DataRecord duplicateOf, double score, List<String> matched) {}

  /** The problems a publish of the rule would find, or the pairs it flags. */
  public record Preview(List<Problem> problems, List<Flagged> flagged) {}

  private final RuleTrial trial;
  private final DuplicateMatcher matcher;
  private final RecordStore records;
  private final RecordReader reader;
  private final TxRunner tx;

  public MatchingPreview(RuleTrial trial, DuplicateMatcher matcher, RecordStore records, RecordReader reader, TxRunner tx) {
    this.trial = trial;
    this.matcher = matcher;
    this.records = records;
    this.reader = reader;
    this.tx = tx;
  }

  public Uni<Preview> preview(JsonNode json, int limit, Actor actor) {
    return trial.tryRule(MatchingRuleDefinition.KIND, json).chain(tried -> {
      if (!tried.problems().isEmpty()) {
        return Uni.createFrom().item(new Preview(tried.problems(), List.of()));
      }
      MatchingRuleDefinition rule = (MatchingRuleDefinition) tried.definition();
      EntityDefinition e = tried.snapshot().entity(rule.entity());
      int n = Math.max(1, Math.min(limit, MAX));
      Page newest = new Page(List.of(new OrderKey(Column.of(SystemColumn.CREATED_AT), true)), null, false, n);
      return tx.withConnection(t -> records.find(t, new RecordQuery(e, Filter.all(), newest, false))
          .chain(rows -> reader.admit(actor, e, rows)).chain(sample -> {
        List<Flagged> out = new ArrayList<>(within(e, rule, sample));
        Set<List<UUID>> seen = new HashSet<>();
        out.forEach(f -> seen.add(pair(f)));
        return Sequence.each(sample, r -> stored(t, e, rule, r)
            .chain(found -> reader.admit(actor, e, found.stream().map(m -> m.record()).toList()).invoke(shown -> {
          Map<UUID, DataRecord> visible = new java.util.HashMap<>();
          shown.forEach(v -> visible.put(v.id(), v));
          for (DuplicateMatcher.Match m : found) {
            DataRecord other = visible.get(m.record().id());
            Flagged f = other == null ? null : new Flagged(r, other, m.score(), m.matched());
            if (f != null && seen.add(pair(f))) {
              out.add(f);
            }
          }
        }))).map(v -> new Preview(List.of(), sorted(out)));
      }));
    });
  }

  /** The stored records a write of {@code r} would find under {@code rule}, at or above its threshold. */
  private Uni<List<DuplicateMatcher.Match>> stored(dev.tessera.platform.Tx t, EntityDefinition e,
      MatchingRuleDefinition rule, DataRecord r) {
    Map<String, Set<String>> keys = MatchKeys.exactKeys(e, List.of(rule), r.data());
    Map<String, String> texts = MatchKeys.fuzzyTexts(e, List.of(rule), r.data());
    return matcher.matches(t, e, rule, r.data(), keys, texts, r.id())
        .map(found -> found.stream().filter(m -> DuplicateMatcher.reaches(rule, m.score())).toList());
  }

  /** Every pair of the sample at or above the threshold, the newer record first. */
  static List<Flagged> within(EntityDefinition e, MatchingRuleDefinition rule, List<DataRecord> sample) {
    List<Flagged> out = new ArrayList<>();
    for (int i = 0; i < sample.size(); i++) {
      for (int j = i + 1; j < sample.size(); j++) {
        List<String> matched = new ArrayList<>();
        double score = DuplicateMatcher.score(e, rule, sample.get(i).data(), sample.get(j).data(), matched);
        if (score > 0 && DuplicateMatcher.reaches(rule, score)) {
          out.add(new Flagged(sample.get(i), sample.get(j), score, matched));
        }
      }
    }
    return out;
  }

  private static List<UUID> pair(Flagged f) {
    UUID a = f.record().id();
    UUID b = f.duplicateOf().id();
    return a.compareTo(b) < 0 ? List.of(a, b) : List.of(b, a);
  }

  private static List<Flagged> sorted(List<Flagged> out) {
    return out.stream().sorted(java.util.Comparator.comparingDouble(Flagged::score).reversed()).toList();
  }
}
