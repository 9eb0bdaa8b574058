-- Turns of round-robin and weighted assignment, one row per rule entry and target. Taken with
-- INSERT ... ON CONFLICT DO UPDATE in the write's transaction: concurrent writes queue on the row, so
-- every committed write got its own turn and rolled-back writes give theirs back.
CREATE TABLE tessera_assignment_turn (
  rule_id   text NOT NULL,
  entry_id  text NOT NULL,
  target    text NOT NULL,
  taken     bigint NOT NULL,
  PRIMARY KEY (rule_id, entry_id, target)
);

-- Why a record got its owner: rule, entry, strategy, who was considered and why others were skipped.
CREATE TABLE tessera_assignment_trace (
  id          bigserial PRIMARY KEY,
  entity      text NOT NULL,
  record_id   uuid NOT NULL,
  owner_id    text,
  trace       jsonb NOT NULL,
  assigned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_assignment_trace_record ON tessera_assignment_trace (record_id, assigned_at DESC);
