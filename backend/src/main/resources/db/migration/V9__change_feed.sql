-- The change feed (transactional outbox): one row per change, written in the change's own transaction.
-- id is insert order; position is commit order, given by the sequencer once the writing transaction has
-- committed (a transaction that commits later always gets a later position), so subscribers can keep a
-- simple checkpoint and never skip a change that committed late.
CREATE TABLE tessera_change (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  position      bigint UNIQUE,
  entity        text NOT NULL,
  record_id     uuid NOT NULL,
  operation     text NOT NULL,
  version       integer NOT NULL,
  changes       jsonb NOT NULL,
  owner_before  text,
  owner_after   text,
  actor         text NOT NULL,
  source        text NOT NULL,
  committed_at  timestamptz NOT NULL DEFAULT statement_timestamp()
);
CREATE INDEX tessera_change_unpositioned ON tessera_change (id) WHERE position IS NULL;

-- Each subscriber's checkpoint: the last position it has taken. A dispatcher locks the row
-- (FOR UPDATE SKIP LOCKED) while it delivers, so each subscriber is served by one app node at a time.
CREATE TABLE tessera_change_subscriber (
  name          text PRIMARY KEY,
  position      bigint NOT NULL DEFAULT 0,
  delivered     bigint NOT NULL DEFAULT 0,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  last_error    text
);

-- The audit trail of record changes, kept by the audit subscriber from the feed (the feed itself is
-- pruned after its retention).
CREATE TABLE tessera_audit (
  position      bigint PRIMARY KEY,
  entity        text NOT NULL,
  record_id     uuid NOT NULL,
  operation     text NOT NULL,
  version       integer NOT NULL,
  changes       jsonb NOT NULL,
  owner_before  text,
  owner_after   text,
  actor         text NOT NULL,
  source        text NOT NULL,
  committed_at  timestamptz NOT NULL
);
CREATE INDEX tessera_audit_record ON tessera_audit (entity, record_id, position DESC);
