-- Records waiting in a public pool (公海池): unowned until a user claims them. Claiming deletes the
-- row with DELETE ... RETURNING, so of any number of concurrent claims exactly one gets it.
CREATE TABLE tessera_pool_entry (
  record_id      uuid PRIMARY KEY,
  pool           text NOT NULL,
  entity         text NOT NULL,
  entered_at     timestamptz NOT NULL DEFAULT now(),
  previous_owner text
);
CREATE INDEX tessera_pool_entry_pool ON tessera_pool_entry (pool, entered_at);

-- Claims, for the per-day caps and the history of who took what from which pool.
CREATE TABLE tessera_pool_claim (
  id         bigserial PRIMARY KEY,
  pool       text NOT NULL,
  record_id  uuid NOT NULL,
  username   text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_pool_claim_user ON tessera_pool_claim (pool, username, claimed_at);
