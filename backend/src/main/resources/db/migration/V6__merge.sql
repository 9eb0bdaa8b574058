-- Merges of duplicate records (合并重复记录): everything needed to show and undo one. The merged
-- records are removed from their table; their full rows (all columns, owner and system columns
-- included) live on here, as do the survivor's row before the merge and every reference re-pointed
-- from a merged record to the survivor. Undoing puts all of it back and stamps undone_at.
CREATE TABLE tessera_merge (
  id              uuid PRIMARY KEY,
  entity          text NOT NULL,
  survivor_id     uuid NOT NULL,
  merged_ids      uuid[] NOT NULL,
  survivor_before jsonb NOT NULL,
  survivor_after  jsonb NOT NULL,
  merged          jsonb NOT NULL,
  sources         jsonb NOT NULL,
  repointed       jsonb NOT NULL,
  pool_entries    jsonb NOT NULL,
  merged_by       text NOT NULL,
  merged_at       timestamptz NOT NULL DEFAULT now(),
  undone_by       text,
  undone_at       timestamptz
);
CREATE INDEX tessera_merge_survivor ON tessera_merge (survivor_id);
CREATE INDEX tessera_merge_merged ON tessera_merge USING gin (merged_ids);

-- A user's inbox: duplicate collisions today, flow notifications later. Title and body are kept in
-- both languages so the reader's locale picks one.
CREATE TABLE tessera_notification (
  id         bigserial PRIMARY KEY,
  recipient  text NOT NULL,
  kind       text NOT NULL,
  title_zh   text NOT NULL,
  title_en   text NOT NULL,
  body_zh    text NOT NULL,
  body_en    text NOT NULL,
  entity     text,
  record_id  uuid,
  read       boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_notification_recipient ON tessera_notification (recipient, id DESC);
CREATE INDEX tessera_notification_unread ON tessera_notification (recipient, id DESC) WHERE NOT read;
