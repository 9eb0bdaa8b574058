package dev.tessera.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tessera.platform.Tx;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Persistence port of the flow engine (V19__flows.sql); see storage. */
public interface FlowStore {
  /** The PostgreSQL channel on which new ready tokens are announced, so idle nodes wake at once. */
  String CHANNEL = "tessera_flow";

  /** A stored version of a flow. */
  record Version(String flow, int version, int metadataVersion, JsonNode definition, OffsetDateTime publishedAt) {}

  /** The newest version of every flow. */
  Uni<List<Version>> latestVersions(Tx tx);

  Uni<Version> version(Tx tx, String flow, int version);

  /** The newest version of the flow published at or before the metadata version; null when none was. */
  Uni<Version> versionAt(Tx tx, String flow, int metadataVersion);

  Uni<Void> addVersion(Tx tx, Version version);

  /**
   * Creates the instance with a ready token at each of {@code nodes}, due at {@code due}; false (and
   * nothing written) when the flow already has an instance for the same trigger key.
   */
  Uni<Boolean> start(Tx tx, FlowInstance instance, List<String> nodes, OffsetDateTime due);

  /**
   * Starts one instance per record of {@code recordIds} (same flow, version, entity, starter; trigger keys
   * {@code keyPrefix + recordId}), each with a ready token at each of {@code nodes}; how many started.
   */
  Uni<Integer> startMany(Tx tx, String flow, int version, String entity, List<UUID> recordIds, String keyPrefix,
      String startedBy, List<String> nodes, OffsetDateTime due);

  /**
   * Starts one instance per record of {@code recordIds}, each with its own trigger key and starter (a
   * feed batch: {@code change:<position>}), skipping those whose key already started; how many started.
   */
  Uni<Integer> startEach(Tx tx, String flow, int version, String entity, List<UUID> recordIds, List<String> keys,
      List<String> startedBy, List<String> nodes, OffsetDateTime due);

  /** Those of {@code recordIds} the flow has an instance on: any, or only one that has not ended. */
  Uni<java.util.Set<UUID>> enrolledAmong(Tx tx, String flow, List<UUID> recordIds, boolean openOnly);

  /** How many instances of the flow started since {@code since}. */
  Uni<Integer> startedSince(Tx tx, String flow, OffsetDateTime since);

  /** A token and its instance, locked for this transaction. */
  record Claimed(FlowToken token, FlowInstance instance) {}

  /** Up to {@code limit} due tokens no other node holds, most overdue first, locked; empty when none is due. */
  Uni<List<Claimed>> claimDue(Tx tx, int limit);

  /** The token, locked, when it still exists and no other node holds it; null otherwise. */
  Uni<Claimed> lock(Tx tx, long tokenId);

  /** Moves a token to a node and state. */
  Uni<Void> moveToken(Tx tx, FlowToken token);

  Uni<Long> addToken(Tx tx, UUID instanceId, String node, OffsetDateTime due, int visit);

  Uni<Void> deleteToken(Tx tx, long tokenId);

  /** Deletes a token whose path ended; the instance's other tokens (one round trip). */
  Uni<List<FlowToken>> endPath(Tx tx, long tokenId, UUID instanceId);

  /** The instance's tokens. */
  Uni<List<FlowToken>> tokens(Tx tx, UUID instanceId);

  /** Deletes the instance's tokens (goal reached, cancelled). */
  Uni<Void> deleteTokens(Tx tx, UUID instanceId);

  Uni<Long> addStep(Tx tx, FlowStep step);

  /** Appends several history rows in one statement, in order. */
  Uni<Void> addSteps(Tx tx, List<FlowStep> steps);

  Uni<Void> endStep(Tx tx, long stepId, String status, String branch, Object output, String error);

  Uni<Void> updateInstance(Tx tx, UUID id, FlowInstance.Status status, String outcome, Map<String, Object> variables);

  Uni<FlowInstance> instance(Tx tx, UUID id);

  /** Makes due now the waiting tokens whose wait names {@code key} with {@code value} ({@code task}, an id). */
  Uni<Integer> wake(Tx tx, String key, String value, Map<String, Object> event);

  /** Makes due now the waiting tokens of open instances on the record (condition waits and goals are checked again). */
  Uni<Integer> wakeRecord(Tx tx, UUID recordId);

  /** Instances, newest first, filtered by what is given. */
  Uni<List<FlowInstance>> instances(Tx tx, String flow, UUID recordId, String status, int limit);

  Uni<List<FlowStep>> steps(Tx tx, UUID instanceId);

  /** Tokens stopped by an incident, oldest first, with their instances. */
  Uni<List<Claimed>> incidents(Tx tx, String flow, int limit);

  /** The open instances of one version of a flow with their tokens, locked for a migration. */
  Uni<List<Claimed>> openTokens(Tx tx, String flow, int version);

  /** Moves an instance to another version of its flow. */
  Uni<Void> setVersion(Tx tx, java.util.UUID instanceId, int version);

  /** Per flow: instances per status, and waiting tokens per node. */
  Uni<Map<String, Object>> summary(Tx tx, String flow);
}
