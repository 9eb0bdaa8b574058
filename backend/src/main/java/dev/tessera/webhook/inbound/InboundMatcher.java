package dev.tessera.webhook.inbound;

import dev.tessera.dedupe.DuplicateMatcher;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.WebhookSourceDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.platform.TxRunner;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordValidator;
import dev.tessera.record.SystemColumn;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The record an inbound payload updates: the oldest the actor can read whose match fields all equal the
 * mapped values (compared in stored form: a phone as normalized), else the best record the source's
 * matching rule finds at its threshold; null when neither finds one.
 */
@ApplicationScoped
public class InboundMatcher {
  private final RecordReader reader;
  private final DuplicateMatcher duplicates;
  private final TxRunner tx;

  public InboundMatcher(RecordReader reader, DuplicateMatcher duplicates, TxRunner tx) {
    this.reader = reader;
    this.duplicates = duplicates;
    this.tx = tx;
  }

  public Uni<DataRecord> find(MetadataSnapshot meta, EntityDefinition e, WebhookSourceDefinition source,
      Map<String, Object> input, Actor actor) {
    WebhookSourceDefinition.Match match = source.match();
    if (match == null) {
      return Uni.createFrom().nullItem();
    }
    Map<String, Object> stored = RecordValidator.merge(e, null, input, false);
    return byFields(e, match.fields(), stored, actor).chain(found -> found != null || match.matchingRule() == null
        ? Uni.createFrom().item(found) : byRule(meta, e, match.matchingRule(), stored));
  }

  private Uni<DataRecord> byFields(EntityDefinition e, List<String> fields, Map<String, Object> stored, Actor actor) {
    if (fields.isEmpty() || !fields.stream().allMatch(stored::containsKey)) {
      return Uni.createFrom().nullItem();
    }
    List<Filter> parts = new ArrayList<>();
    fields.forEach(f -> parts.add(new Filter.Compare(Column.of(e.field(f).orElseThrow()), Filter.Op.EQ, stored.get(f))));
    Page first = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, 1);
    return reader.find(actor, new RecordQuery(e, new Filter.And(parts), first, false))
        .map(rows -> rows.isEmpty() ? null : rows.get(0));
  }

  private Uni<DataRecord> byRule(MetadataSnapshot meta, EntityDefinition e, String rule, Map<String, Object> stored) {
    return tx.withConnection(t -> duplicates.candidates(t, meta, e, stored, UUID.randomUUID()))
        .map(found -> found.stream().filter(c -> c.rule().equals(rule)).map(c -> c.match().record()).findFirst().orElse(null));
  }
}
