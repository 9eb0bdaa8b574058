-- Approvals (ADR 0050): one row per approval node visit, one per approver or copy-to reader, and the
-- timeline. Every action locks its approval row first, so concurrent actions on one approval serialize.
CREATE TABLE tessera_approval (
  id            uuid PRIMARY KEY,
  instance_id   uuid NOT NULL,
  node          text NOT NULL,
  visit         integer NOT NULL,
  flow          text NOT NULL,
  entity        text NOT NULL,
  record_id     uuid NOT NULL,
  title         text NOT NULL,
  mode          text NOT NULL,                -- any | all | sequential | vote
  pass_ratio    numeric,
  status        text NOT NULL,                -- pending | approved | rejected | returned | withdrawn | cancelled
  submitted_by  text NOT NULL,
  fields        jsonb NOT NULL DEFAULT '{}',
  allow_return  boolean NOT NULL DEFAULT true,
  allow_withdraw boolean NOT NULL DEFAULT true,
  deadline      timestamptz,
  reminded_at   timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz,
  UNIQUE (instance_id, node, visit)
);
CREATE INDEX tessera_approval_record ON tessera_approval (record_id, created_at);

CREATE TABLE tessera_approval_task (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  approval_id   uuid NOT NULL REFERENCES tessera_approval ON DELETE CASCADE,
  approver      text NOT NULL,                -- username
  position      integer NOT NULL,             -- order for sequential approvals
  status        text NOT NULL,                -- waiting | pending | approved | rejected | handedOver | skipped | cancelled | copy
  added_by      text,
  decided_at    timestamptz,
  comment       text
);
CREATE INDEX tessera_approval_task_approval ON tessera_approval_task (approval_id, position, id);
CREATE INDEX tessera_approval_task_mine ON tessera_approval_task (approver, status);

CREATE TABLE tessera_approval_event (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  approval_id   uuid NOT NULL REFERENCES tessera_approval ON DELETE CASCADE,
  at            timestamptz NOT NULL DEFAULT now(),
  actor         text NOT NULL,
  action        text NOT NULL,
  comment       text,
  details       jsonb
);
CREATE INDEX tessera_approval_event_approval ON tessera_approval_event (approval_id, id);

-- a decision wakes the token waiting on its approval
CREATE INDEX tessera_flow_token_wait_approval ON tessera_flow_token ((wait ->> 'approval')) WHERE state = 'waiting';
