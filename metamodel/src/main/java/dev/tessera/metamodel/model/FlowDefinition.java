package dev.tessera.metamodel.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A flow ({@code flow}, ADR 0046 and 0047): one trigger, nodes and the edges between them, interpreted
 * by the flow engine. Immutable; defaults of {@code flow.schema.json} are applied by the reader and the
 * compact constructor ({@code enabled} true, {@code runAs} system, {@code reenrollment} never,
 * {@code limits.maxStartsPerMinute} {@value Limits#DEFAULT_MAX_STARTS_PER_MINUTE}). The graph helpers
 * ({@link #node}, {@link #outgoing}, {@link #next}, {@link #start}) scan the lists: the engine compiles a
 * published flow once into its own structure when it needs faster lookups.
 */
public record FlowDefinition(String id, String name, LocalizedText label, LocalizedText description, boolean enabled,
    RunAs runAs, FlowTrigger trigger, Reenrollment reenrollment, String goal, Limits limits, List<FlowNode> nodes,
    List<FlowEdge> edges) implements Definition {
  public static final String KIND = "flow";
  /** The {@code from} of the edges that start the flow. */
  public static final String TRIGGER = "trigger";
  /** The longest wait, timeout or due offset a flow may hold: 366 days. */
  public static final Duration MAX_WAIT = Duration.ofDays(366);

  public FlowDefinition {
    runAs = runAs == null ? RunAs.SYSTEM : runAs;
    reenrollment = reenrollment == null ? Reenrollment.NEVER : reenrollment;
    limits = limits == null ? Limits.DEFAULT : limits;
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The node with this id. */
  public Optional<FlowNode> node(String nodeId) {
    return nodes.stream().filter(n -> Objects.equals(n.id(), nodeId)).findFirst();
  }

  /** Every edge leaving {@code nodeId} (or {@link #TRIGGER}), in the order written. */
  public List<FlowEdge> outgoing(String nodeId) {
    return edges.stream().filter(e -> Objects.equals(e.from(), nodeId)).toList();
  }

  /** The edges leaving {@code nodeId} on {@code branch}; null asks for the default edges (several fork). */
  public List<FlowEdge> next(String nodeId, String branch) {
    return edges.stream().filter(e -> Objects.equals(e.from(), nodeId) && Objects.equals(e.branch(), branch)).toList();
  }

  /** The edges that start an instance: those from {@link #TRIGGER}. */
  public List<FlowEdge> start() {
    return outgoing(TRIGGER);
  }

  /** The entity whose records the flow runs on; null for a schedule without entity (and a missing trigger). */
  public String entity() {
    return trigger == null ? null : trigger.entity();
  }

  /** True when a record change in the change feed starts the flow (created, updated, deleted, stage, owner). */
  public boolean isRecordTrigger() {
    return trigger != null && trigger.isRecordChange();
  }

  /** An ISO-8601 duration ({@code PT2S}, {@code P7D}, {@code P1DT2H}), or empty when it does not parse. */
  public static Optional<Duration> duration(String iso) {
    if (iso == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(iso));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Who the instance acts as: the system (the audit trail names {@code flow:<name>}) or a user, whose roles apply. */
  public record RunAs(Type type, String username) {
    public static final RunAs SYSTEM = new RunAs(Type.SYSTEM, null);

    public enum Type { SYSTEM, USER }
  }

  /** Runaway protection: starts beyond {@code maxStartsPerMinute} wait. */
  public record Limits(int maxStartsPerMinute) {
    public static final int DEFAULT_MAX_STARTS_PER_MINUTE = 600;
    public static final Limits DEFAULT = new Limits(DEFAULT_MAX_STARTS_PER_MINUTE);
  }

  /** When a record may enroll again: never (once per flow version) or when the trigger fires anew (never while enrolled). */
  public enum Reenrollment {
    NEVER("never"), WHEN_TRIGGERED_AGAIN("whenTriggeredAgain");

    private final String jsonName;

    Reenrollment(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }

    public static Optional<Reenrollment> fromJson(String s) {
      return Arrays.stream(values()).filter(v -> v.jsonName.equals(s)).findFirst();
    }
  }
}
