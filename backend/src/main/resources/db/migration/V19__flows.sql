-- The flow engine (ADR 0046). Four narrow tables; each step of an instance is one short transaction.

-- Each published content of a flow, numbered per flow: an instance runs on the version it started on.
CREATE TABLE tessera_flow_version (
  flow              text NOT NULL,
  version           integer NOT NULL,
  metadata_version  integer NOT NULL,
  definition        jsonb NOT NULL,
  published_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow, version)
);

-- One run of a flow on a record (or on nothing, for a schedule without entity). trigger_key makes
-- enrollment idempotent: the change's position, the schedule's slot, the manual request.
CREATE TABLE tessera_flow_instance (
  id           uuid PRIMARY KEY,
  flow         text NOT NULL,
  version      integer NOT NULL,
  entity       text,
  record_id    uuid,
  status       text NOT NULL,               -- running | waiting | failed | completed | cancelled
  outcome      text,                        -- end | goal | cancelled
  variables    jsonb NOT NULL DEFAULT '{}',
  trigger_key  text NOT NULL,
  started_by   text NOT NULL,
  test         boolean NOT NULL DEFAULT false,
  started_at   timestamptz NOT NULL DEFAULT now(),
  ended_at     timestamptz,
  UNIQUE (flow, trigger_key)
);
CREATE INDEX tessera_flow_instance_record ON tessera_flow_instance (record_id, flow);
CREATE INDEX tessera_flow_instance_open ON tessera_flow_instance (flow, status) WHERE ended_at IS NULL;
CREATE INDEX tessera_flow_instance_started ON tessera_flow_instance (flow, started_at);

-- Where an instance is: one row per live path. The token table is the job queue: a node claims due
-- tokens with FOR UPDATE SKIP LOCKED (the row lock is the lease). A waiting token waits for its due
-- time ('infinity' when only an event ends the wait: a task done, a condition met).
CREATE TABLE tessera_flow_token (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id  uuid NOT NULL REFERENCES tessera_flow_instance ON DELETE CASCADE,
  node         text NOT NULL,
  state        text NOT NULL,               -- ready | waiting | incident
  due_at       timestamptz NOT NULL DEFAULT now(),
  attempt      integer NOT NULL DEFAULT 1,
  visit        integer NOT NULL DEFAULT 1,
  wait         jsonb,                       -- what a waiting token waits for
  step_id      bigint,                      -- the history row of the node it waits in
  error        text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_flow_token_due ON tessera_flow_token (due_at) WHERE state IN ('ready', 'waiting');
CREATE INDEX tessera_flow_token_instance ON tessera_flow_token (instance_id);
CREATE INDEX tessera_flow_token_incident ON tessera_flow_token (id) WHERE state = 'incident';

-- What happened: one row per executed node (a wait's row is completed when the wait ends).
CREATE TABLE tessera_flow_step (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id  uuid NOT NULL,
  node         text NOT NULL,
  attempt      integer NOT NULL DEFAULT 1,
  status       text NOT NULL,               -- completed | waiting | failed | skipped | cancelled
  branch       text,
  started_at   timestamptz NOT NULL,
  ended_at     timestamptz,
  input        jsonb,
  output       jsonb,
  error        text
);
CREATE INDEX tessera_flow_step_instance ON tessera_flow_step (instance_id, id);
