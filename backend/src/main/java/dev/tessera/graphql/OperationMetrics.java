package dev.tessera.graphql;

import graphql.ExecutionResult;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Counts and times every executed GraphQL operation as {@code tessera_graphql_operations_seconds},
 * tagged with the operation's name, type and outcome, so an operator sees which query is slow or
 * failing, not only that {@code POST /graphql} is. Operation names come from clients, so the tag is
 * bounded: anonymous operations share {@code (anonymous)}, names are cut to {@value #MAX_NAME}
 * characters, and only the first {@code tessera.metrics.graphql.max-operation-names} distinct names
 * get a series of their own; later ones are counted as {@code (other)}. Requests refused before
 * execution (unparsable, invalid, over the limits) show in the HTTP server metrics instead.
 */
@Singleton // no client proxy: the engine calls it for every field
@Unremovable // looked up by instrumentation(), never injected
public class OperationMetrics extends SimplePerformantInstrumentation {
  static final String METRIC = "tessera.graphql.operations";
  static final String ANONYMOUS = "(anonymous)";
  static final String OTHER = "(other)";
  static final int MAX_NAME = 64;
  private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
  private final MeterRegistry registry;
  private final int maxNames;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  public OperationMetrics(MeterRegistry registry,
      @ConfigProperty(name = "tessera.metrics.graphql.max-operation-names", defaultValue = "200") int maxNames) {
    this.registry = registry;
    this.maxNames = maxNames;
  }

  /**
   * The instrumentation of the running application, or none outside it (a schema built in a plain
   * unit test). A static hook so the engine builder needs one line, not a new constructor argument.
   */
  public static graphql.execution.instrumentation.Instrumentation instrumentation() {
    ArcContainer container = Arc.container();
    if (container == null || !container.isRunning()) {
      return SimplePerformantInstrumentation.INSTANCE;
    }
    var handle = container.instance(OperationMetrics.class);
    return handle.isAvailable() ? handle.get() : SimplePerformantInstrumentation.INSTANCE;
  }

  /** What one execution learns along the way. */
  static final class Observed implements InstrumentationState {
    final long started = System.nanoTime();
    volatile String name = ANONYMOUS;
    volatile String type = "unknown";
  }

  @Override
  public InstrumentationState createState(InstrumentationCreateStateParameters parameters) {
    return new Observed();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecuteOperation(
      InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
    OperationDefinition op = parameters.getExecutionContext().getOperationDefinition();
    if (state instanceof Observed o && op != null) {
      o.name = name(op.getName());
      o.type = op.getOperation().name().toLowerCase(java.util.Locale.ROOT);
    }
    return SimpleInstrumentationContext.noOp();
  }

  @Override
  public InstrumentationContext<ExecutionResult> beginExecution(InstrumentationExecutionParameters parameters,
      InstrumentationState state) {
    if (!(state instanceof Observed o)) {
      return SimpleInstrumentationContext.noOp();
    }
    return SimpleInstrumentationContext.whenCompleted((result, error) -> {
      String outcome = error != null ? "failure" : result != null && !result.getErrors().isEmpty() ? "error" : "success";
      Timer.builder(METRIC).description("GraphQL operations executed, by operation name, type and outcome")
          .tags(Tags.of("operation", o.name, "type", o.type, "outcome", outcome))
          .serviceLevelObjectives(BUCKETS)
          .register(registry)
          .record(System.nanoTime() - o.started, java.util.concurrent.TimeUnit.NANOSECONDS);
    });
  }

  /** The tag for a client-chosen name: bounded in length and in the number of distinct values. */
  String name(String given) {
    if (given == null || given.isBlank()) {
      return ANONYMOUS;
    }
    String n = given.length() > MAX_NAME ? given.substring(0, MAX_NAME) : given;
    if (names.contains(n)) {
      return n;
    }
    synchronized (names) {
      if (names.size() < maxNames) {
        names.add(n);
        return n;
      }
    }
    return names.contains(n) ? n : OTHER;
  }
}
