package dev.tessera.security;

import static dev.tessera.support.Defs.entity;
import static dev.tessera.support.Defs.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.metadata.MetadataRegistry;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.platform.Actor;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordReader;
import dev.tessera.record.RecordService;
import dev.tessera.record.SystemColumn;
import dev.tessera.support.Gql;
import dev.tessera.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The filters compiled policies produce mean in PostgreSQL what {@link RowMatcher} says they mean:
 * for seeded random roles and viewers, every right's and every field's filter selects, through the
 * record reader on real stored records (blanks included), exactly the records the matcher accepts.
 * This is what lets the pure property test stand for the queries.
 */
@QuarkusTest
@QuarkusTestResource(TestDatabase.class)
class ScopeQueriesComponentTest {
  @Inject
  RecordService records;
  @Inject
  RecordReader reader;
  @Inject
  MetadataRegistry registry;

  @Test
  void policyFiltersSelectInTheDatabaseWhatTheMatcherAccepts() {
    String e = Gql.unique("lead");
    Gql.publish(entity(e, field("name", "text"), field("phone", "text"), field("region", "text", "indexed", true),
        field("budget", "money"), field("hot", "bool")));
    MetadataSnapshot published = registry.current();
    Random random = new Random(424242);
    for (int i = 0; i < 40; i++) {
      records.create(published, e, PolicyPropertyTest.randomData(random), PolicyPropertyTest.randomOwner(random),
          new Actor("seed")).await().indefinitely();
    }
    Actor reading = new Actor("test");
    List<DataRecord> stored = find(reading, published.entity(e), Filter.all());
    assertEquals(40, stored.size());
    int compared = 0;
    for (long seed = 1; seed <= 25; seed++) {
      Random r = new Random(seed);
      List<PolicyPropertyTest.RandomRole> roles = PolicyPropertyTest.randomRoles(r);
      MetadataSnapshot snapshot = PolicyFixtures.snapshot(published.definitions(),
          roles.stream().<JsonNode>map(x -> x.json(e)).toList());
      EntityDefinition lead = snapshot.entity(e);
      Viewer viewer = PolicyPropertyTest.randomViewer(r);
      EntityPolicy policy = PolicyCompiler.compile(roles.stream().map(PolicyPropertyTest.RandomRole::name).toList(),
          snapshot).entity(e);
      List<Rows> all = new ArrayList<>();
      for (Action a : Action.values()) {
        all.add(policy.rows(a));
        PolicyFixtures.FIELDS.forEach(f -> all.add(policy.field(f, a)));
      }
      for (Rows rows : new java.util.LinkedHashSet<>(all)) {
        Filter filter = rows.filter(lead, viewer);
        Set<UUID> expected = new TreeSet<>();
        stored.stream().filter(x -> RowMatcher.matches(filter, x)).forEach(x -> expected.add(x.id()));
        Set<UUID> selected = new TreeSet<>();
        find(reading, lead, filter).forEach(x -> selected.add(x.id()));
        assertEquals(expected, selected, "seed " + seed + ": " + rows + " for " + viewer);
        compared++;
      }
    }
    assertTrue(compared > 50, "compared " + compared + " filters");
  }

  private List<DataRecord> find(Actor actor, EntityDefinition e, Filter filter) {
    Page page = new Page(List.of(new OrderKey(Column.of(SystemColumn.ID), false)), null, false, 500);
    return reader.find(actor, new RecordQuery(e, filter, page, false)).await().indefinitely();
  }
}
