-- Background jobs (e.g. rebuilding duplicate-matching keys after a publish): claimed page by page with
-- FOR UPDATE SKIP LOCKED (the row lock is the lease: a node that dies releases it), progress kept in the row.
-- min_version: the job waits until this node runs that metadata version (the publish that queued it).
CREATE TABLE tessera_job (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL,
  entity           text,
  min_version      integer NOT NULL DEFAULT 0,
  state            text NOT NULL DEFAULT 'pending',
  total            bigint,
  done             bigint NOT NULL DEFAULT 0,
  cursor           text,
  error            text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE INDEX tessera_job_open ON tessera_job (id) WHERE state IN ('pending', 'running');
