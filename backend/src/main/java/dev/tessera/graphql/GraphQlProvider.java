package dev.tessera.graphql;

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
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.dataloader.DataLoaderRegistry;

/**
 * The live GraphQL engine. Built for each metadata version while it is published (a schema that
 * does not build aborts the publish) and swapped atomically afterwards; a request keeps the engine
 * it started with. Parsed and validated documents are cached per engine.
 */
@ApplicationScoped
public class GraphQlProvider implements PublishParticipant {
  private static final int DOCUMENT_CACHE = 2000;
  private final SchemaFactory factory;
  private final AtomicReference<Engine> live = new AtomicReference<>();

  /** One schema with its executor and document cache. */
  record Engine(MetadataSnapshot snapshot, GraphQLSchema schema, GraphQL graphQL,
      Map<String, PreparsedDocumentEntry> documents) {}

  public GraphQlProvider(SchemaFactory factory) {
    this.factory = factory;
  }

  @Override
  public Object prepare(MetadataSnapshot candidate) {
    try {
      return engine(candidate);
    } catch (RuntimeException e) {
      throw new PlatformException(ErrorCode.PUBLISH_FAILED, "the GraphQL API cannot be generated: " + e.getMessage());
    }
  }

  @Override
  public void activate(MetadataSnapshot snapshot, Object prepared) {
    Engine e = (Engine) prepared;
    live.set(new Engine(snapshot, e.schema(), e.graphQL(), e.documents()));
  }

  private Engine engine(MetadataSnapshot snap) {
    GraphQLSchema schema = factory.build(snap);
    GraphQL graphQL = GraphQL.newGraphQL(schema)
        .queryExecutionStrategy(new AsyncExecutionStrategy(new ErrorMapper()))
        .mutationExecutionStrategy(new graphql.execution.AsyncSerialExecutionStrategy(new ErrorMapper()))
        .subscriptionExecutionStrategy(new graphql.execution.SubscriptionExecutionStrategy(new ErrorMapper()))
        .instrumentation(OperationMetrics.instrumentation())
        .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
            ((Engine) input.getGraphQLContext().get(Engine.class)).documents().get(input.getQuery())))
        .build();
    return new Engine(snap, schema, graphQL, new ConcurrentHashMap<>());
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
   * Runs a request; the result is the GraphQL response map (data, errors). A request graphql-java
   * refuses with an error of its own (e.g. a bad-faith introspection query) is answered with that
   * error, never with a failed future.
   */
  public CompletableFuture<Map<String, Object>> execute(Request r) {
    return execute(r, false);
  }

  /**
   * As {@link #execute(Request)} over a WebSocket, where subscriptions may run: a subscription's
   * {@code data} is then the stream of its events (a reactive-streams publisher of results).
   */
  public CompletableFuture<Map<String, Object>> executeOverSocket(Request r) {
    return execute(r, true);
  }

  private CompletableFuture<Map<String, Object>> execute(Request r, boolean socket) {
    try {
      return run(r, socket).handle((result, err) -> err == null ? result : refused(err));
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(refused(e));
    }
  }

  private static Map<String, Object> refused(Throwable err) {
    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
        ? err.getCause() : err;
    if (cause instanceof graphql.validation.GoodFaithIntrospectionExceeded bad) {
      return errors(List.of(bad.toBadFaithError()));
    }
    if (cause instanceof GraphQLError g) {
      return errors(List.of(g));
    }
    throw cause instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(cause);
  }

  private CompletableFuture<Map<String, Object>> run(Request r, boolean socket) {
    Engine engine = current();
    PreparsedDocumentEntry doc = document(engine, r.query(), r.locale());
    if (doc.hasErrors()) {
      return CompletableFuture.completedFuture(errors(doc.getErrors()));
    }
    try {
      OperationDefinition op = operation(doc.getDocument(), r.operationName());
      if (r.queryOnly() && op.getOperation() != OperationDefinition.Operation.QUERY) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, "GET requests may only run queries; use POST for mutations");
      }
      if (!socket && op.getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, "Subscriptions run over WebSocket (graphql-transport-ws) on /graphql");
      }
      QueryLimits.check(engine.schema(), doc.getDocument(), op, r.variables());
    } catch (PlatformException e) {
      return CompletableFuture.completedFuture(errors(List.of(ErrorMapper.error(e, null, null, r.context().locale()))));
    }
    ExecutionInput input = ExecutionInput.newExecutionInput().query(r.query())
        .variables(r.variables() == null ? Map.of() : r.variables())
        .operationName(r.operationName()).locale(r.locale())
        .graphQLContext(Map.of(RequestContext.KEY, r.context(), Engine.class, engine))
        .dataLoaderRegistry(new DataLoaderRegistry())
        .build();
    return engine.graphQL().executeAsync(input).thenApply(ExecutionResult::toSpecification);
  }

  private static PreparsedDocumentEntry document(Engine engine, String query, Locale locale) {
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
      List<ValidationError> invalid = ParseAndValidate.validate(engine.schema(), parsed.getDocument(), locale);
      entry = invalid.isEmpty() ? new PreparsedDocumentEntry(parsed.getDocument())
          : new PreparsedDocumentEntry(List.copyOf(invalid));
    }
    if (engine.documents().size() >= DOCUMENT_CACHE) {
      engine.documents().clear();
    }
    engine.documents().put(query, entry);
    return entry;
  }

  private static OperationDefinition operation(Document doc, String name) {
    List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
    if (name == null) {
      if (ops.size() != 1) {
        throw new PlatformException(ErrorCode.BAD_REQUEST, "the document has several operations; name one");
      }
      return ops.get(0);
    }
    return ops.stream().filter(o -> name.equals(o.getName())).findFirst().orElseThrow(() ->
        new PlatformException(ErrorCode.BAD_REQUEST, "no operation named " + name));
  }

  private static String code(GraphQLError e) {
    if (e instanceof ValidationError) {
      return "GRAPHQL_VALIDATION_FAILED";
    }
    if (e instanceof graphql.InvalidSyntaxError) {
      return "GRAPHQL_PARSE_FAILED";
    }
    if (e instanceof graphql.introspection.GoodFaithIntrospection.BadFaithIntrospectionError
        || e instanceof graphql.execution.AbortExecutionException) {
      return "QUERY_TOO_COMPLEX";
    }
    return "BAD_REQUEST";
  }

  private static Map<String, Object> errors(List<? extends GraphQLError> errors) {
    List<Map<String, Object>> list = errors.stream().map(e -> {
      Map<String, Object> spec = new java.util.LinkedHashMap<>(e.toSpecification());
      Map<String, Object> ext = new java.util.LinkedHashMap<>();
      if (spec.get("extensions") instanceof Map<?, ?> given) {
        given.forEach((k, v) -> ext.put(String.valueOf(k), v));
      }
      ext.putIfAbsent("code", code(e));
      spec.put("extensions", ext);
      return (Map<String, Object>) spec;
    }).toList();
    return Map.of("errors", list);
  }
}
