package dev.tessera.flow;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One executed node of an instance: its attempt, how it ended, the branch it took, what went in and out. */
public record FlowStep(long id, UUID instanceId, String node, int attempt, String status, String branch,
    OffsetDateTime startedAt, OffsetDateTime endedAt, Object input, Object output, String error) {}
