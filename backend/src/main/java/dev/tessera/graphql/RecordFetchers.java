package dev.tessera.graphql;

import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metamodel.model.EntityDefinition;
import dev.tessera.metamodel.model.FieldDefinition;
import dev.tessera.metamodel.model.FieldType;
import dev.tessera.metamodel.model.LocalizedText;
import dev.tessera.metamodel.validation.Problem;
import dev.tessera.platform.Actor;
import dev.tessera.record.AggregateRequest;
import dev.tessera.record.AggregateRow;
import dev.tessera.record.Column;
import dev.tessera.record.DataRecord;
import dev.tessera.record.Filter;
import dev.tessera.record.ImportRow;
import dev.tessera.record.OrderKey;
import dev.tessera.record.Page;
import dev.tessera.record.RecordQuery;
import dev.tessera.record.RecordService;
import dev.tessera.record.RecordReader;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Data fetchers for generated entity fields: thin adapters over the record reader and service. */
final class RecordFetchers {
  static final DataFetcher<Object> EDGES = SourceFetcher.<Conn>of(
      c -> c.rows().stream().map(r -> new Conn.Edge(r, c.order())).toList());
  static final DataFetcher<Object> NODES = SourceFetcher.<Conn>of(Conn::rows);
  static final DataFetcher<Object> CURSOR = SourceFetcher.<Conn.Edge>of(Conn.Edge::cursor);
  static final DataFetcher<Object> NODE = SourceFetcher.<Conn.Edge>of(Conn.Edge::node);
  static final DataFetcher<Object> TOTAL = SourceFetcher.<Conn>of(c -> c.total().get());
  static final DataFetcher<Object> PAGE_INFO = SourceFetcher.<Conn>of(c -> {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hasNextPage", c.hasNext());
    info.put("hasPreviousPage", c.hasPrevious());
    info.put("startCursor", c.rows().isEmpty() ? null : Cursors.encode(c.rows().get(0), c.order()));
    info.put("endCursor", c.rows().isEmpty() ? null : Cursors.encode(c.rows().get(c.rows().size() - 1), c.order()));
    return info;
  });

  private final MetadataSnapshot meta;
  private final RecordReader reader;
  private final RecordService service;
  private final Loaders loaders;

  RecordFetchers(MetadataSnapshot meta, RecordReader reader, RecordService service) {
    this.meta = meta;
    this.reader = reader;
    this.service = service;
    this.loaders = new Loaders(reader);
  }

  private static Actor actor(DataFetchingEnvironment env) {
    return RequestContext.of(env).actor();
  }

  DataFetcher<Object> system(String name) {
    return switch (name) {
      case "id" -> SourceFetcher.<DataRecord>of(DataRecord::id);
      case "version" -> SourceFetcher.<DataRecord>of(DataRecord::version);
      case "createdAt" -> SourceFetcher.<DataRecord>of(DataRecord::createdAt);
      case "updatedAt" -> SourceFetcher.<DataRecord>of(DataRecord::updatedAt);
      case "createdBy" -> SourceFetcher.<DataRecord>of(DataRecord::createdBy);
      case "updatedBy" -> SourceFetcher.<DataRecord>of(DataRecord::updatedBy);
      case "ownerId" -> SourceFetcher.<DataRecord>of(DataRecord::ownerId);
      case "deletedAt" -> SourceFetcher.<DataRecord>of(DataRecord::deletedAt);
      default -> throw new IllegalArgumentException(name);
    };
  }

  DataFetcher<Object> value(FieldDefinition f) {
    String key = f.name();
    return SourceFetcher.<DataRecord>of(r -> r.get(key));
  }

  DataFetcher<Object> byId(EntityDefinition e) {
    return env -> {
      UUID id = Ids.parse(env.getArgument("id"));
      return id == null ? null : reader.byId(actor(env), e, id, false).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> list(EntityDefinition e, boolean deleted) {
    return env -> {
      Filter filter = QueryArgs.filter(e, env.getArgument("filter"));
      List<OrderKey> order = deleted ? QueryArgs.order(e, List.of(Map.of("deletedAt", "DESC")))
          : QueryArgs.order(e, env.getArgument("orderBy"));
      Page page = QueryArgs.page(order, env.getArgument("first"), env.getArgument("after"),
          env.getArgument("last"), env.getArgument("before"));
      RecordQuery q = new RecordQuery(e, filter, page, deleted);
      Actor actor = actor(env);
      return reader.find(actor, q).map(rows -> Conn.of(rows, page,
          () -> reader.count(actor, e, filter, deleted).subscribeAsCompletionStage())).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> reference(EntityDefinition target, FieldDefinition f) {
    String key = f.name();
    return env -> {
      UUID id = Ids.parse(((DataRecord) env.getSource()).get(key));
      if (id == null) {
        return null;
      }
      return loaders.byId(env, target).load(id);
    };
  }

  DataFetcher<Object> reverse(EntityDefinition source, FieldDefinition f) {
    return env -> {
      Filter filter = QueryArgs.filter(source, env.getArgument("filter"));
      List<OrderKey> order = QueryArgs.order(source, env.getArgument("orderBy"));
      Page page = QueryArgs.page(order, env.getArgument("first"), env.getArgument("after"), null, null);
      String parent = ((DataRecord) env.getSource()).id().toString();
      return loaders.reverse(env, source, f, filter, page).load(parent).thenApply(rows -> Conn.of(rows, page,
          () -> loaders.reverseCount(env, source, f, filter).load(parent)));
    };
  }

  DataFetcher<Object> aggregate(EntityDefinition e) {
    return env -> {
      Filter filter = QueryArgs.filter(e, env.getArgument("filter"));
      List<String> groupBy = env.getArgument("groupBy");
      List<Column> groups = new ArrayList<>();
      if (groupBy != null) {
        groupBy.forEach(g -> groups.add(QueryArgs.resolve(e, g)));
      }
      AggregateRequest req = new AggregateRequest(e, filter, groups, measured(e));
      return reader.aggregate(actor(env), req).map(rows -> rows.stream().map(RecordFetchers::row).toList())
          .subscribeAsCompletionStage();
    };
  }

  private static Map<String, Object> row(AggregateRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("group", r.group());
    m.put("count", r.count());
    m.put("sum", r.sum());
    m.put("avg", r.avg());
    m.put("min", r.min());
    m.put("max", r.max());
    return m;
  }

  static List<FieldDefinition> measured(EntityDefinition e) {
    return e.fields().stream().filter(f -> f.valueType().storage() == FieldType.Storage.NUMERIC).toList();
  }

  DataFetcher<Object> create(EntityDefinition e) {
    return env -> {
      Map<String, Object> input = new LinkedHashMap<>(env.getArgument("input"));
      String owner = (String) input.remove("ownerId");
      List<dev.tessera.platform.PlatformException.FieldError> warnings = new ArrayList<>();
      return service.create(meta, e.name(), input, owner, RequestContext.of(env).actor(), warnings)
          .map(r -> warned(env, r, warnings)).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> createMany(EntityDefinition e) {
    return env -> {
      List<Map<String, Object>> inputs = env.getArgument("inputs");
      return service.createMany(meta, e.name(), inputs, RequestContext.of(env).actor()).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> importMany(EntityDefinition e) {
    return env -> {
      List<Map<String, Object>> inputs = env.getArgument("inputs");
      return service.importMany(meta, e.name(), inputs, RequestContext.of(env).actor()).map(RecordFetchers::imported)
          .subscribeAsCompletionStage();
    };
  }

  private static Map<String, Object> imported(List<ImportRow> rows) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ImportRow.Status s : ImportRow.Status.values()) {
      out.put(s.name().toLowerCase(java.util.Locale.ROOT), rows.stream().filter(r -> r.status() == s).count());
    }
    out.put("rows", rows.stream().map(r -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("row", r.row());
      m.put("status", r.status().name());
      m.put("id", r.id() == null ? null : r.id().toString());
      m.put("problems", problems(r.problems()));
      m.put("warnings", problems(r.warnings()));
      return m;
    }).toList());
    return out;
  }

  /**
   * The written record, with what the lane warned of (e.g. a duplicate a warn rule found) in the
   * response's {@code extensions.warnings}: path, code, field and a message in the caller's language.
   */
  private static Object warned(DataFetchingEnvironment env, DataRecord r,
      List<dev.tessera.platform.PlatformException.FieldError> warnings) {
    if (warnings.isEmpty()) {
      return r;
    }
    String locale = RequestContext.of(env).locale();
    List<Object> list = new ArrayList<>();
    for (var w : warnings) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", env.getExecutionStepInfo().getPath().toList());
      m.put("code", w.code());
      m.put("field", w.field());
      m.put("message", w.message(locale));
      list.add(m);
    }
    return graphql.execution.DataFetcherResult.newResult().data(r).extensions(Map.of("warnings", list)).build();
  }

  private static List<Problem> problems(List<dev.tessera.platform.PlatformException.FieldError> errors) {
    return errors.stream().map(p -> new Problem(p.code(), p.field() == null ? "" : p.field(),
        LocalizedText.of(p.messageZh() != null ? p.messageZh() : p.message(), p.message()))).toList();
  }

  DataFetcher<Object> update(EntityDefinition e) {
    return env -> {
      Map<String, Object> patch = new LinkedHashMap<>(env.getArgument("patch"));
      String owner = (String) patch.remove("ownerId");
      UUID id = Ids.require(env.getArgument("id"), e);
      int version = env.getArgument("version");
      List<dev.tessera.platform.PlatformException.FieldError> warnings = new ArrayList<>();
      return service.update(meta, e.name(), id, version, patch, owner, RequestContext.of(env).actor(), warnings)
          .map(r -> warned(env, r, warnings)).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> delete(EntityDefinition e) {
    return env -> {
      UUID id = Ids.require(env.getArgument("id"), e);
      return service.delete(meta, e.name(), id, RequestContext.of(env).actor())
          .chain(ok -> reader.byId(actor(env), e, id, true)).subscribeAsCompletionStage();
    };
  }

  DataFetcher<Object> restore(EntityDefinition e) {
    return env -> {
      UUID id = Ids.require(env.getArgument("id"), e);
      return service.restore(meta, e.name(), id, RequestContext.of(env).actor()).subscribeAsCompletionStage();
    };
  }
}
