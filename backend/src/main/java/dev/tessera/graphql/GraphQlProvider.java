package dev.tessera.graphql;

import dev.tessera.platform.RequestMessages;
import dev.tessera.metadata.MetadataSnapshot;
import dev.tessera.metadata.PublishParticipant;
import dev.tessera.platform.ErrorCode;
import dev.tessera.platform.PlatformException;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.ParseAndValidateResult;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.schema.GraphQLSchema;
import graphql.validation.GoodFaithIntrospectionExceeded;
import graphql.validation.ValidationError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.dataloader.DataLoaderRegistry;

/**
 * The live GraphQL engine. Built for each metadata version while it is published (a schema that
 * does not build aborts the publish) and swapped atomically afterwards; a request keeps the engine
 * it started with. Parsed and validated documents are cached per engine.
 */
@ApplicationScoped
public class GraphQlProvider implements PublishParticipant {
  private final SchemaFactory factory;
  private final dev.tessera.security.PolicyCache policies;
  private final AtomicReference<Engine> live = new AtomicReference<>();

  /**
   * One schema with its executor and document cache; {@code byRoles} holds, per role set of the
   * callers seen, the engine of the schema those roles see ({@link RoleSchemas}), dropped with the
   * version.
   */
  record Engine(MetadataSnapshot snapshot, GraphQLSchema schema, GraphQL graphQL,
      DocumentCache documents, java.util.Map<java.util.Set<String>, Engine> byRoles) {
    Engine(MetadataSnapshot snapshot, GraphQLSchema schema, GraphQL graphQL, DocumentCache documents) {
      this(snapshot, schema, graphQL, documents, new java.util.concurrent.ConcurrentHashMap<>());
    }
  }

  /** Role sets whose schema one version keeps; callers with further sets get theirs built per request. */
  static final int MAX_ROLE_SCHEMAS = 256;

  public GraphQlProvider(SchemaFactory factory, dev.tessera.security.PolicyCache policies) {
    this.factory = factory;
    this.policies = policies;
  }

  @Override
  public Object prepare(MetadataSnapshot candidate) {
    try {
      return engine(candidate);
    } catch (RuntimeException e) {
      throw new PlatformException(ErrorCode.PUBLISH_FAILED,
          RequestMessages.text("API_NOT_GENERATED", Map.of("reason", String.valueOf(e.getMessage()))), null);
    }
  }

  @Override
  public void activate(MetadataSnapshot snapshot, Object prepared) {
    Engine e = (Engine) prepared;
    live.set(new Engine(snapshot, e.schema(), e.graphQL(), e.documents()));
  }

  private Engine engine(MetadataSnapshot snap) {
    return engine(snap, factory.build(snap));
  }

  /**
   * The engine of what {@code actor} may see: the version's own for a trusted actor or an
   * administrator, else the schema of its role set, built once per set.
   */
  Engine forCaller(Engine full, dev.tessera.platform.Actor actor) {
    if (!actor.restricted()) {
      return full;
    }
    java.util.Set<String> roles = java.util.Set.copyOf(actor.roles());
    Engine cached = full.byRoles().get(roles);
    if (cached != null) {
      return cached;
    }
    dev.tessera.security.Policy policy = policies.policy(roles, full.snapshot());
    java.util.Set<String> hidden = RoleSchemas.hidden(full.snapshot(), policy);
    Engine built = hidden.isEmpty() ? full
        // a schema of its own to cut down: building the role's schema resolves type references in the
        // field definitions it holds, which must not be the live schema's
        : engine(full.snapshot(), RoleSchemas.of(factory.build(full.snapshot()), hidden));
    if (full.byRoles().size() < MAX_ROLE_SCHEMAS) {
      Engine raced = full.byRoles().putIfAbsent(roles, built);
      return raced != null ? raced : built;
    }
    return built;
  }

  private Engine engine(MetadataSnapshot snap, GraphQLSchema schema) {
    GraphQL graphQL = GraphQL.newGraphQL(schema)
        .queryExecutionStrategy(new AsyncExecutionStrategy(new ErrorMapper()))
        .mutationExecutionStrategy(new graphql.execution.AsyncSerialExecutionStrategy(new ErrorMapper()))
        .subscriptionExecutionStrategy(new graphql.execution.SubscriptionExecutionStrategy(new ErrorMapper()))
        .instrumentation(OperationMetrics.instrumentation())
        .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
            input.getGraphQLContext().get(PreparsedDocumentEntry.class)))
        .build();
    return new Engine(snap, schema, graphQL, new DocumentCache());
  }

  /** The engine requests run on; built lazily for an empty database. */
  Engine current() {
    Engine e = live.get();
    if (e == null) {
      live.compareAndSet(null, engine(MetadataSnapshot.EMPTY));
      e = live.get();
    }
    return e;
  }

  /** A GraphQL request as received over HTTP. */
  public record Request(String query, Map<String, Object> variables, String operationName, boolean queryOnly,
      RequestContext context, Locale locale) {}

  /**
   * How a request ended, for the HTTP status: ran (data present), refused before running, a mutation
   * over GET, an anonymous request while sign-in is required (401), or nothing ran to completion because
   * the database could not be reached (every root field null and an {@code UNAVAILABLE} error: the whole
   * request may be sent again).
   */
  public enum Outcome { EXECUTED, REFUSED, MUTATION_OVER_GET, UNAUTHENTICATED, UNAVAILABLE }

  /** The GraphQL response map (data, errors, extensions) and how the request ended. */
  public record Response(Map<String, Object> body, Outcome outcome) {
    static Response of(Map<String, Object> body) {
      if (unavailable(body)) {
        return new Response(body, Outcome.UNAVAILABLE);
      }
      return new Response(body, body.containsKey("data") ? Outcome.EXECUTED : Outcome.REFUSED);
    }

    private static boolean unavailable(Map<String, Object> body) {
      boolean unreachable = body.get("errors") instanceof List<?> errors && errors.stream().anyMatch(e ->
          e instanceof Map<?, ?> m && m.get("extensions") instanceof Map<?, ?> ext
              && ErrorCode.UNAVAILABLE.name().equals(ext.get("code")));
      return unreachable && (!(body.get("data") instanceof Map<?, ?> data) || data.values().stream().allMatch(v -> v == null));
    }
  }

  /** An anonymous request while sign-in is required that does more than sign in: HTTP 401. */
  private static final class SignInRequired extends PlatformException {
    SignInRequired() {
      super(ErrorCode.UNAUTHENTICATED, dev.tessera.identity.IdentityMessages.text("SIGN_IN_REQUIRED"), "Authorization");
    }
  }

  /** Whether an operation only signs in or refreshes: a mutation of those root fields, no fragments. */
  static boolean signsInOnly(OperationDefinition op) {
    return op.getOperation() == OperationDefinition.Operation.MUTATION
        && op.getSelectionSet().getSelections().stream().allMatch(s -> s instanceof graphql.language.Field f
            && (IdentityApi.OPEN_MUTATIONS.contains(f.getName()) || f.getName().equals("__typename")));
  }

  /**
   * Root fields only callers holding a capability may run: changing metadata, and the designer's dry
   * runs of rules not yet published, need {@code publishMetadata}; lead distribution (re-running
   * assignment over stored records, sending a pool's records back) needs {@code managePools}. (Record
   * writes are the record service's to check; credentials are the identity service's.)
   */
  static final Map<String, dev.tessera.metamodel.model.RoleDefinition.Capability> CAPABILITIES = Map.ofEntries(
      Map.entry("publishDefinitions", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("restoreMetadataVersion", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("saveMetadataDraft", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("discardMetadataDraft", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("publishMetadataDrafts", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("assignmentPreview", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("matchingPreview", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("runAssignment", dev.tessera.metamodel.model.RoleDefinition.Capability.MANAGE_POOLS),
      Map.entry("recyclePool", dev.tessera.metamodel.model.RoleDefinition.Capability.MANAGE_POOLS),
      Map.entry("incidents", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("retryIncident", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("skipIncident", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("cancelFlowInstance", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("flowSummary", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("testFlow", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA),
      Map.entry("migrateFlowInstances", dev.tessera.metamodel.model.RoleDefinition.Capability.PUBLISH_METADATA));

  /** Refuses an operation naming a root field whose capability the caller's roles do not grant. */
  private void requireCapabilities(OperationDefinition op, Engine engine, dev.tessera.platform.Actor actor) {
    if (!actor.restricted()) {
      return;
    }
    dev.tessera.security.Policy policy = policies.policy(actor.roles(), engine.snapshot());
    for (graphql.language.Selection<?> s : op.getSelectionSet().getSelections()) {
      if (s instanceof graphql.language.Field f && CAPABILITIES.containsKey(f.getName())
          && !policy.has(CAPABILITIES.get(f.getName()))) {
        throw new PlatformException(ErrorCode.FORBIDDEN, RequestMessages.text("CAPABILITY_REQUIRED",
            Map.of("operation", f.getName(), "capability", CAPABILITIES.get(f.getName()).jsonName())), null);
      }
    }
  }

  /** A GET request naming a mutation: the specification asks for 405, not an error inside a 200. */
  private static final class MutationOverGet extends PlatformException {
    MutationOverGet() {
      super(ErrorCode.BAD_REQUEST, RequestMessages.text("MUTATION_OVER_GET"), null);
    }
  }

  /**
   * Runs a request. A request graphql-java refuses with an error of its own (e.g. a bad-faith
   * introspection query) is answered with that error, never with a failed future.
   */
  public CompletableFuture<Response> execute(Request r) {
    return execute(r, false);
  }

  /**
   * As {@link #execute(Request)} over a WebSocket, where subscriptions may run: a subscription's
   * {@code data} is then the stream of its events (a reactive-streams publisher of results).
   */
  public CompletableFuture<Response> executeOverSocket(Request r) {
    return execute(r, true);
  }

  private CompletableFuture<Response> execute(Request r, boolean socket) {
    try {
      return run(r, socket).handle((result, err) -> err == null ? result : Response.of(refused(err)));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(Response.of(refused(e)));
    }
  }

  private static Map<String, Object> refused(Throwable err) {
    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
        ? err.getCause() : err;
    if (cause instanceof GoodFaithIntrospectionExceeded bad) {
      return RequestErrors.response(List.of(bad.toBadFaithError()));
    }
    if (cause instanceof GraphQLError g) {
      return RequestErrors.response(List.of(g));
    }
    throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
  }

  /**
   * Values (objects, lists and scalars) in a request's variables: an import of 1,000 rows of 40 fields
   * fits; a filter of 100,000 alternatives, whose coercion alone would hold the event loop for a second
   * and a half, does not.
   */
  static final long MAX_VARIABLE_VALUES = 100_000;

  /** The values in a variables tree, counted up to just past the bound. */
  private static long values(Object v, long seen) {
    if (seen > MAX_VARIABLE_VALUES) {
      return seen;
    }
    long n = seen + 1;
    if (v instanceof Map<?, ?> m) {
      for (Object x : m.values()) {
        n = values(x, n);
      }
    } else if (v instanceof java.util.Collection<?> c) {
      for (Object x : c) {
        n = values(x, n);
      }
    }
    return n;
  }

  /** Characters of a query document: far above any client's, far below what could hurt the server. */
  static final int MAX_QUERY = 256_000;

  private CompletableFuture<Response> run(Request r, boolean socket) {
    long values = values(r.variables(), 0);
    if (values > MAX_VARIABLE_VALUES) {
      PlatformException many = new PlatformException(ErrorCode.QUERY_TOO_LARGE,
          RequestMessages.text("VARIABLES_TOO_LARGE", Map.of("max", MAX_VARIABLE_VALUES)), "variables");
      return CompletableFuture.completedFuture(
          Response.of(RequestErrors.response(List.of(ErrorMapper.error(many, null, null, r.context().locale())))));
    }
    if (r.query().length() > MAX_QUERY) {
      PlatformException big = new PlatformException(ErrorCode.QUERY_TOO_LARGE,
          RequestMessages.text("QUERY_TOO_LARGE", Map.of("max", MAX_QUERY, "length", r.query().length())), null);
      return CompletableFuture.completedFuture(
          Response.of(RequestErrors.response(List.of(ErrorMapper.error(big, null, null, r.context().locale())))));
    }
    Engine engine = forCaller(current(), r.context().actor());
    PreparsedDocumentEntry doc = document(engine, r.query(), r.locale(), r.context().locale());
    if (doc.hasErrors() && !r.context().signInOnly()) {
      return CompletableFuture.completedFuture(Response.of(RequestErrors.response(doc.getErrors())));
    }
    try {
      if (doc.hasErrors()) {
        throw new SignInRequired();
      }
      OperationDefinition op = operation(doc.getDocument(), r.operationName());
      if (r.context().signInOnly() && !signsInOnly(op)) {
        throw new SignInRequired();
      }
      if (r.queryOnly() && op.getOperation() != OperationDefinition.Operation.QUERY) {
        throw new MutationOverGet();
      }
      if (!socket && op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("SUBSCRIBE_OVER_SOCKET"), null);
      }
      requireCapabilities(op, engine, r.context().actor());
      QueryLimits.check(engine.schema(), doc.getDocument(), op, r.variables());
    } catch (PlatformException e) {
      SourceLocation at = e instanceof QueryLimits.Exceeded x ? x.location() : null;
      Map<String, Object> body = RequestErrors.response(List.of(ErrorMapper.error(e, null, at, r.context().locale())));
      return CompletableFuture.completedFuture(
          new Response(body, e instanceof MutationOverGet ? Outcome.MUTATION_OVER_GET
              : e instanceof SignInRequired ? Outcome.UNAUTHENTICATED : Outcome.REFUSED));
    }
    ExecutionInput input = ExecutionInput.newExecutionInput().query(r.query())
        .variables(r.variables() == null ? Map.of() : r.variables())
        .operationName(r.operationName()).locale(r.locale())
        .graphQLContext(Map.of(RequestContext.KEY, r.context(), Engine.class, engine, PreparsedDocumentEntry.class, doc))
        .dataLoaderRegistry(new DataLoaderRegistry())
        .build();
    return engine.graphQL().executeAsync(input).thenApply(result -> Response.of(specification(result)));
  }

  /** The response map; errors graphql-java raised itself (e.g. a variable that does not coerce) get a code too. */
  private static Map<String, Object> specification(ExecutionResult result) {
    Map<String, Object> spec = new java.util.LinkedHashMap<>(result.toSpecification());
    if (!result.getErrors().isEmpty()) {
      spec.put("errors", result.getErrors().stream().map(RequestErrors::entry).toList());
    }
    return spec;
  }

  private static PreparsedDocumentEntry document(Engine engine, String query, Locale locale, String language) {
    PreparsedDocumentEntry cached = engine.documents().get(query);
    if (cached != null) {
      return cached;
    }
    ExecutionInput in = ExecutionInput.newExecutionInput().query(query).locale(locale).build();
    ParseAndValidateResult parsed = ParseAndValidate.parse(in);
    PreparsedDocumentEntry entry;
    if (parsed.isFailure()) {
      entry = new PreparsedDocumentEntry(parsed.getSyntaxException().toInvalidSyntaxError());
    } else {
      List<ValidationError> invalid;
      try {
        invalid = ParseAndValidate.validate(engine.schema(), parsed.getDocument(), locale);
      } catch (GoodFaithIntrospectionExceeded bad) {
        return new PreparsedDocumentEntry(located(engine.schema(), parsed.getDocument(), bad, language));
      }
      entry = invalid.isEmpty() ? new PreparsedDocumentEntry(parsed.getDocument())
          : new PreparsedDocumentEntry(List.copyOf(invalid));
    }
    engine.documents().offer(query, entry);
    return entry;
  }

  /**
   * graphql-java's own guard refused an introspection query (without saying where); the same walk as
   * for every query finds the field and its location. Not cached: such a request is no client's.
   */
  private static GraphQLError located(GraphQLSchema schema, Document doc, GoodFaithIntrospectionExceeded bad,
      String language) {
    for (OperationDefinition op : doc.getDefinitionsOfType(OperationDefinition.class)) {
      try {
        QueryLimits.check(schema, doc, op, Map.of());
      } catch (QueryLimits.Exceeded x) {
        return ErrorMapper.error(x, null, x.location(), language);
      }
    }
    return bad.toBadFaithError();
  }

  private static OperationDefinition operation(Document doc, String name) {
    List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
    if (name == null) {
      if (ops.size() != 1) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("NAME_AN_OPERATION"), "operationName");
      }
      return ops.get(0);
    }
    return ops.stream().filter(o -> name.equals(o.getName())).findFirst().orElseThrow(() ->
        new PlatformException(ErrorCode.BAD_REQUEST, RequestMessages.text("NO_SUCH_OPERATION", Map.of("name", name)), "operationName"));
  }
}
