-- Stage gates (ADR 0053): a stage change waiting for its gate's approval flow. At most one pending per record
-- and stage field (the partial unique index: of two concurrent requests one inserts, the other finds it).
CREATE TABLE tessera_stage_request (
  id            uuid PRIMARY KEY,
  entity        text NOT NULL,
  record_id     uuid NOT NULL,
  field         text NOT NULL,
  from_stage    text,
  to_stage      text NOT NULL,
  flow          text NOT NULL,
  instance_id   uuid NOT NULL UNIQUE,
  requested_by  text NOT NULL,
  comment       text,
  status        text NOT NULL DEFAULT 'pending',   -- pending | moved | notMoved | rejected | cancelled
  reason        text,                               -- notMoved: what the record no longer met (en)
  reason_zh     text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  decided_at    timestamptz
);
CREATE UNIQUE INDEX tessera_stage_request_pending ON tessera_stage_request (entity, record_id, field)
  WHERE status = 'pending';
CREATE INDEX tessera_stage_request_record ON tessera_stage_request (record_id, created_at);
