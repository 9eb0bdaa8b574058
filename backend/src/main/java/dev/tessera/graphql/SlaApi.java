package dev.tessera.graphql;

import static graphql.Scalars.GraphQLBoolean;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.SlaPolicyDefinition;
import dev.tessera.metamodel.naming.Identifiers;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.sla.SlaService;
import dev.tessera.sla.SlaState;
import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLTypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;

/**
 * SLA state on the records (ADR 0052): the {@code sla} field of every entity with an SLA policy (one item
 * per policy the record entered) and the {@code sla} key of its list filter. The field is read from records
 * the reader already returned to the caller, so a record the caller may not read shows no SLA either; the
 * filter narrows a list the reader filters by the caller's rights anyway.
 */
@ApplicationScoped
class SlaApi implements SchemaContributor {
  static final GraphQLEnumType STATUS = GraphQLEnumType.newEnum().name("SlaStatus")
      .description("ok; warning (past the policy's share of a target); paused (waiting on the customer); breached (a"
          + " target was missed); met (resolved in time)")
      .value("ok").value("warning").value("paused").value("breached").value("met").build();
  static final GraphQLObjectType STATE = GraphQLObjectType.newObject().name("SlaState")
      .description("A record's clocks under one SLA policy; times left count working time of the policy's calendar")
      .field(f -> f.name("policy").type(nonNull(GraphQLString)))
      .field(f -> f.name("target").type(nonNull(GraphQLInt)).description("Index of the policy's target that applies"))
      .field(f -> f.name("status").type(nonNull(STATUS)))
      .field(f -> f.name("startedAt").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("firstResponseDue").type(Scalars.DATETIME).description("Null once responded, while paused or without target"))
      .field(f -> f.name("resolutionDue").type(Scalars.DATETIME).description("Null once resolved, while paused or without target"))
      .field(f -> f.name("respondedAt").type(Scalars.DATETIME))
      .field(f -> f.name("resolvedAt").type(Scalars.DATETIME))
      .field(f -> f.name("breachedAt").type(Scalars.DATETIME).description("When the first target was missed"))
      .field(f -> f.name("paused").type(nonNull(GraphQLBoolean)))
      .field(f -> f.name("timeLeft").type(GraphQLInt)
          .description("Working seconds left on the nearest pending target (negative: overdue); null when none is pending"))
      .build();
  static final GraphQLInputObjectType STATUS_FILTER = GraphQLInputObjectType.newInputObject().name("SlaStatusFilter")
      .field(f -> f.name("eq").type(STATUS)).field(f -> f.name("in").type(list(nonNull(STATUS)))).build();
  static final GraphQLInputObjectType FILTER = GraphQLInputObjectType.newInputObject().name("SlaFilter")
      .description("Records by their SLA state, e.g. {status: {eq: breached}} or {dueBefore: \"2026-10-08T18:00:00+08:00\"}")
      .field(f -> f.name("policy").type(GraphQLString))
      .field(f -> f.name("status").type(STATUS_FILTER))
      .field(f -> f.name("dueBefore").type(Scalars.DATETIME).description("Resolution due before this instant"))
      .build();

  private final SlaService sla;

  SlaApi(SlaService sla) {
    this.sla = sla;
  }

  /** True when records of {@code e} show an SLA: a policy names the entity and the entity leaves the name free. */
  static boolean shows(MetadataSnapshot meta, EntityDefinition e) {
    return e.field(SlaPolicyDefinition.STATE_FIELD).isEmpty()
        && meta.all(SlaPolicyDefinition.class).stream().anyMatch(p -> e.name().equals(p.entity()));
  }

  /** The {@code sla} field of an entity's type (its fetcher is registered by {@link #contribute}). */
  static GraphQLFieldDefinition field() {
    return GraphQLFieldDefinition.newFieldDefinition().name(SlaPolicyDefinition.STATE_FIELD)
        .type(nonNull(list(nonNull(GraphQLTypeReference.typeRef(STATE.getName())))))
        .description("The record's SLA clocks, one per policy it entered").build();
  }

  @Override
  public void contribute(SchemaParts parts) {
    MetadataSnapshot meta = parts.snapshot();
    parts.type(STATE).type(FILTER);
    for (EntityDefinition e : meta.entities().values()) {
      if (shows(meta, e)) {
        parts.code().dataFetcher(FieldCoordinates.coordinates(Identifiers.typeName(e.name()),
            SlaPolicyDefinition.STATE_FIELD), states(meta));
      }
    }
  }

  private DataFetcher<Object> states(MetadataSnapshot meta) {
    return env -> {
      DataRecord r = env.getSource();
      DataLoader<UUID, List<Map<String, Object>>> loader = env.getDataLoaderRegistry().computeIfAbsent("sla",
          k -> DataLoaderFactory.newMappedDataLoader((Set<UUID> ids) -> sla.of(meta, ids).map(found -> {
            Map<UUID, List<Map<String, Object>>> out = new LinkedHashMap<>();
            ids.forEach(id -> out.put(id, found.getOrDefault(id, List.of()).stream().map(SlaApi::view)
                .collect(Collectors.toList())));
            return out;
          }).subscribeAsCompletionStage()));
      return loader.load(r.id());
    };
  }

  private static Map<String, Object> view(SlaService.View v) {
    SlaState s = v.state();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("policy", s.policy);
    m.put("target", s.target);
    m.put("status", s.status.sql());
    m.put("startedAt", t(s.startedAt));
    m.put("firstResponseDue", t(s.responseDue));
    m.put("resolutionDue", t(s.resolutionDue));
    m.put("respondedAt", t(s.respondedAt));
    m.put("resolvedAt", t(s.resolvedAt));
    m.put("breachedAt", t(s.firstBreach()));
    m.put("paused", s.paused);
    m.put("timeLeft", v.timeLeft() == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v.timeLeft())));
    return m;
  }

  private static OffsetDateTime t(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  /** The record filter of an {@code SlaFilter} input. */
  static Filter filter(Map<String, Object> in) {
    List<String> statuses = new ArrayList<>();
    if (in.get("status") instanceof Map<?, ?> s) {
      if (s.get("eq") != null) {
        statuses.add(s.get("eq").toString());
      }
      if (s.get("in") instanceof Collection<?> c) {
        if (c.isEmpty() && s.get("eq") == null) {
          return new Filter.Or(List.of()); // in no status: no record
        }
        c.forEach(x -> statuses.add(x.toString()));
      }
    }
    Object due = in.get("dueBefore");
    return new Filter.Sla((String) in.get("policy"), statuses,
        due == null ? null : due instanceof OffsetDateTime o ? o : OffsetDateTime.parse(due.toString()));
  }
}
