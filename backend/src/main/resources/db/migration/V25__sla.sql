-- SLA state (ADR 0052): one row per record and SLA policy, written with the record's own write (the
-- before-save lane) and by the SLA scheduler. Working time elapsed is counted up to `since`; while the
-- clocks run, more accrues from `since` on. `next_at` is the next moment the scheduler must look at the
-- row (a warning, a breach, an escalation step); the scheduler takes due rows with FOR UPDATE SKIP LOCKED.
CREATE TABLE tessera_sla (
  id                     uuid PRIMARY KEY,
  policy                 text NOT NULL,
  entity                 text NOT NULL,
  record_id              uuid NOT NULL,
  target                 integer NOT NULL,          -- index of the policy's target that applies
  response_target        bigint,                    -- working seconds; null: no first-response target
  resolution_target      bigint,                    -- working seconds; null: no resolution target
  started_at             timestamptz NOT NULL,
  since                  timestamptz NOT NULL,
  elapsed                bigint NOT NULL DEFAULT 0, -- working seconds counted up to since
  paused                 boolean NOT NULL DEFAULT false,
  responded_at           timestamptz,
  resolved_at            timestamptz,
  response_warned_at     timestamptz,
  resolution_warned_at   timestamptz,
  response_breached_at   timestamptz,
  resolution_breached_at timestamptz,
  escalations            integer NOT NULL DEFAULT 0, -- escalation steps done
  response_due           timestamptz,               -- null while paused, met or without target
  resolution_due         timestamptz,
  next_at                timestamptz,
  status                 text NOT NULL,             -- ok | warning | paused | breached | met
  updated_at             timestamptz NOT NULL DEFAULT now(),
  UNIQUE (record_id, policy)
);
CREATE INDEX tessera_sla_next ON tessera_sla (next_at) WHERE next_at IS NOT NULL;
CREATE INDEX tessera_sla_status ON tessera_sla (entity, status, record_id);
CREATE INDEX tessera_sla_due ON tessera_sla (entity, resolution_due);
