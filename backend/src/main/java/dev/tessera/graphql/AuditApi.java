package dev.tessera.graphql;

import static graphql.Scalars.GraphQLID;
import static graphql.Scalars.GraphQLInt;
import static graphql.Scalars.GraphQLString;
import static graphql.schema.GraphQLList.list;
import static graphql.schema.GraphQLNonNull.nonNull;

import dev.tessera.audit.AuditLogFilter;
import dev.tessera.audit.AuditMessages;
import dev.tessera.audit.AuditPage;
import dev.tessera.audit.SecurityEvent;
import dev.tessera.change.ActivityEntry;
import dev.tessera.change.AuditEntry;
import dev.tessera.change.AuditTrail;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLObjectType;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The audit trail over GraphQL: a record's history ({@code recordHistory}), and for administrators a user's
 * activity ({@code userActivity}) and the security log ({@code auditLog}). Every read goes through
 * {@link AuditTrail}, which decides who may read what. Pages are newest first, {@code first} (1 to 100,
 * default 20) at a time, continued with {@code after: pageInfo.endCursor}.
 */
@ApplicationScoped
class AuditApi implements SchemaContributor {
  static final GraphQLObjectType FIELD_CHANGE = GraphQLObjectType.newObject().name("AuditFieldChange")
      .description("One field's value before and after a write (null: no value)")
      .field(f -> f.name("field").type(nonNull(GraphQLString)))
      .field(f -> f.name("before").type(Scalars.JSON))
      .field(f -> f.name("after").type(Scalars.JSON))
      .build();
  static final GraphQLObjectType ENTRY = GraphQLObjectType.newObject().name("RecordHistoryEntry")
      .description("One write of a record: who, when, through which path, and which fields changed from what to what")
      .field(f -> f.name("id").type(nonNull(GraphQLID)).description("The change's position in the change feed"))
      .field(f -> f.name("entity").type(nonNull(GraphQLString)))
      .field(f -> f.name("recordId").type(nonNull(GraphQLID)))
      .field(f -> f.name("operation").type(nonNull(GraphQLString)).description("CREATE, UPDATE, DELETE or RESTORE"))
      .field(f -> f.name("version").type(nonNull(GraphQLInt)))
      .field(f -> f.name("actor").type(nonNull(GraphQLString)).description("Who: a username, apikey:<name> or system"))
      .field(f -> f.name("at").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("path").type(nonNull(GraphQLString))
          .description("How: graphql, import, merge, pool, recycle, assignment, formula, requiredDefault, flow ..."))
      .field(f -> f.name("changes").type(nonNull(list(nonNull(FIELD_CHANGE)))))
      .field(f -> f.name("ownerBefore").type(GraphQLString))
      .field(f -> f.name("ownerAfter").type(GraphQLString))
      .build();
  static final GraphQLEnumType KIND = kinds();
  static final GraphQLObjectType EVENT = GraphQLObjectType.newObject().name("SecurityEvent")
      .description("An entry of the security log; it never holds a password, a token or a key")
      .field(f -> f.name("id").type(nonNull(GraphQLID)))
      .field(f -> f.name("at").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("kind").type(nonNull(KIND)))
      .field(f -> f.name("actor").type(nonNull(GraphQLString)).description("Who acted: a username, apikey:<name>, system or anonymous"))
      .field(f -> f.name("path").type(nonNull(GraphQLString)).description("Through which path: graphql, system ..."))
      .field(f -> f.name("subject").type(GraphQLString)
          .description("Whom or what it concerns: the username signed in or attempted, an API key's id, a metadata version"))
      .field(f -> f.name("address").type(GraphQLString).description("The client's address, for sign-ins"))
      .field(f -> f.name("details").type(nonNull(Scalars.JSON)).description("Reason codes, names, versions"))
      .build();
  static final GraphQLObjectType ACTIVITY = GraphQLObjectType.newObject().name("UserActivityEntry")
      .description("One entry of a user's activity: a record change they made, or a security event by or about them")
      .field(f -> f.name("at").type(nonNull(Scalars.DATETIME)))
      .field(f -> f.name("recordChange").type(ENTRY))
      .field(f -> f.name("securityEvent").type(EVENT))
      .build();
  static final GraphQLInputObjectType FILTER = GraphQLInputObjectType.newInputObject().name("AuditLogFilter")
      .description("Which security events: by actor, by subject, of some kinds, from (inclusive) and to (exclusive) a time")
      .field(f -> f.name("actor").type(GraphQLString))
      .field(f -> f.name("subject").type(GraphQLString))
      .field(f -> f.name("kinds").type(list(nonNull(KIND))))
      .field(f -> f.name("from").type(Scalars.DATETIME))
      .field(f -> f.name("to").type(Scalars.DATETIME))
      .build();

  static final int DEFAULT_PAGE = 20;
  private final AuditTrail audit;
  private final dev.tessera.record.RecordReader reader;
  private final dev.tessera.security.Permissions permissions;

  AuditApi(AuditTrail audit, dev.tessera.record.RecordReader reader, dev.tessera.security.Permissions permissions) {
    this.audit = audit;
    this.reader = reader;
    this.permissions = permissions;
  }

  /**
   * A record's history as the caller may see it: nothing when it may not read the record, and of each
   * entry only the fields it may read on it (a trusted caller or an administrator sees it whole).
   */
  private io.smallrye.mutiny.Uni<dev.tessera.audit.AuditPage<dev.tessera.change.AuditEntry>> history(
      dev.tessera.platform.Actor actor, dev.tessera.metamodel.model.EntityDefinition e, java.util.UUID id, int first,
      String after) {
    if (permissions.seesEverything(actor)) {
      return audit.history(e.name(), id, first, after);
    }
    return reader.rights(actor, e, id).chain(rights -> !rights.read()
        ? io.smallrye.mutiny.Uni.createFrom().item(new dev.tessera.audit.AuditPage<dev.tessera.change.AuditEntry>(
            java.util.List.of(), null, null, false, false))
        : audit.history(e.name(), id, first, after).map(p -> new dev.tessera.audit.AuditPage<>(p.entries().stream()
            .map(x -> new dev.tessera.change.AuditEntry(x.position(), x.entity(), x.recordId(), x.operation(), x.version(),
                x.actor(), x.path(), x.at(), x.changes().stream().filter(c -> e.field(c.field()).isEmpty()
                    || rights.readable().getOrDefault(c.field(), false)).toList(), x.ownerBefore(), x.ownerAfter()))
            .toList(), p.startCursor(), p.endCursor(), p.hasNextPage(), p.hasPreviousPage())));
  }

  @Override
  public void contribute(SchemaParts parts) {
    var code = parts.code();
    parts.query(query(code, "recordHistory", page("RecordHistory", ENTRY),
        "A record's changes, newest first: the timeline of its record page",
        env -> history(RequestContext.of(env).actor(), parts.snapshot().entity(env.getArgument("entity")),
            Ids.argument(env.getArgument("id"), "id"), first(env), env.getArgument("after"))
            .map(p -> json(p, AuditApi::json)),
        required("entity", GraphQLString), required("id", GraphQLID)));
    parts.query(query(code, "userActivity", page("UserActivity", ACTIVITY),
        "Administrators: what a user did (record changes) and what happened to their account (sign-ins, failed ones"
            + " included, passwords, keys, publishes), newest first",
        env -> audit.userActivity(RequestContext.of(env).principal(), env.getArgument("username"), first(env),
            env.getArgument("after")).map(p -> json(p, AuditApi::json)),
        required("username", GraphQLString)));
    parts.query(query(code, "auditLog", page("AuditLog", EVENT),
        "Administrators: the security log (sign-ins, passwords, API keys, publishes, rollbacks, pack installs), newest first",
        env -> audit.securityLog(RequestContext.of(env).principal(), filter(env.getArgument("filter")),
            first(env), env.getArgument("after")).map(p -> json(p, AuditApi::json)),
        GraphQLArgument.newArgument().name("filter").type(FILTER).build()));
  }

  private static GraphQLFieldDefinition query(graphql.schema.GraphQLCodeRegistry.Builder code, String name,
      GraphQLObjectType type, String description, Function<DataFetchingEnvironment, Uni<?>> fetch,
      GraphQLArgument... args) {
    code.dataFetcher(FieldCoordinates.coordinates("Query", name),
        (DataFetcher<?>) env -> fetch.apply(env).subscribeAsCompletionStage());
    return GraphQLFieldDefinition.newFieldDefinition().name(name).description(description).type(nonNull(type))
        .arguments(List.of(args))
        .argument(GraphQLArgument.newArgument().name("first").type(GraphQLInt).defaultValueProgrammatic(DEFAULT_PAGE)
            .description("Entries per page, 1 to " + AuditTrail.MAX_PAGE))
        .argument(GraphQLArgument.newArgument().name("after").type(GraphQLString)
            .description("The endCursor of the page before"))
        .build();
  }

  /** The page size asked for; null (sent explicitly) means the default. */
  private static int first(DataFetchingEnvironment env) {
    Integer first = env.getArgument("first");
    return first == null ? DEFAULT_PAGE : first;
  }

  private static GraphQLArgument required(String name, graphql.schema.GraphQLInputType type) {
    return GraphQLArgument.newArgument().name(name).type(nonNull(type)).build();
  }

  private static GraphQLObjectType page(String name, GraphQLObjectType entry) {
    return GraphQLObjectType.newObject().name(name)
        .field(f -> f.name("entries").type(nonNull(list(nonNull(entry)))))
        .field(f -> f.name("pageInfo").type(nonNull(CommonTypes.PAGE_INFO)))
        .build();
  }

  private static GraphQLEnumType kinds() {
    var b = GraphQLEnumType.newEnum().name("SecurityEventKind").description("What a security event records");
    for (SecurityEvent.Kind k : SecurityEvent.Kind.values()) {
      b.value(k.name(), k);
    }
    return b.build();
  }

  @SuppressWarnings("unchecked")
  private static AuditLogFilter filter(Map<String, Object> f) {
    if (f == null) {
      return AuditLogFilter.ALL;
    }
    return new AuditLogFilter((String) f.get("actor"), (String) f.get("subject"), (List<SecurityEvent.Kind>) f.get("kinds"),
        time(f.get("from"), "filter.from"), time(f.get("to"), "filter.to"));
  }

  private static OffsetDateTime time(Object value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.toString());
    } catch (java.time.format.DateTimeParseException e) {
      throw new PlatformException(ErrorCode.BAD_REQUEST, AuditMessages.text("BAD_TIME", Map.of("field", field,
          "value", value.toString())), field);
    }
  }

  private static <T> Map<String, Object> json(AuditPage<T> p, Function<T, Map<String, Object>> entry) {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("hasNextPage", p.hasNextPage());
    info.put("hasPreviousPage", p.hasPreviousPage());
    info.put("startCursor", p.startCursor());
    info.put("endCursor", p.endCursor());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("entries", p.entries().stream().map(entry).toList());
    m.put("pageInfo", info);
    return m;
  }

  private static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(e.position()));
    m.put("entity", e.entity());
    m.put("recordId", e.recordId().toString());
    m.put("operation", e.operation());
    m.put("version", e.version());
    m.put("actor", e.actor());
    m.put("at", e.at());
    m.put("path", e.path());
    m.put("changes", e.changes().stream().map(c -> {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("field", c.field());
      f.put("before", c.before());
      f.put("after", c.after());
      return f;
    }).toList());
    m.put("ownerBefore", e.ownerBefore());
    m.put("ownerAfter", e.ownerAfter());
    return m;
  }

  private static Map<String, Object> json(SecurityEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", Long.toString(e.id()));
    m.put("at", e.at());
    m.put("kind", e.kind());
    m.put("actor", e.actor());
    m.put("path", e.path());
    m.put("subject", e.subject());
    m.put("address", e.address());
    m.put("details", e.details());
    return m;
  }

  private static Map<String, Object> json(ActivityEntry a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", a.key().at());
    m.put("recordChange", a.change() == null ? null : json(a.change()));
    m.put("securityEvent", a.event() == null ? null : json(a.event()));
    return m;
  }
}
