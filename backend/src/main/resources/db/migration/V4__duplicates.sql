-- Blocking keys of duplicate matching: one row per record, matched field and normalized value
-- (E.164 phone, case-folded email without +tag, trimmed lower-case text). Candidates of a new record
-- are the records sharing a key: an index lookup, whatever the table size.
CREATE TABLE tessera_match_key (
  entity    text NOT NULL,
  field     text NOT NULL,
  key       text NOT NULL,
  record_id uuid NOT NULL,
  PRIMARY KEY (entity, field, key, record_id)
);
CREATE INDEX tessera_match_key_record ON tessera_match_key (record_id);

-- Duplicates found: what was written, which record it matched, both owners, the action taken.
CREATE TABLE tessera_duplicate (
  id           bigserial PRIMARY KEY,
  rule         text NOT NULL,
  entity       text NOT NULL,
  record_id    uuid NOT NULL,
  duplicate_of uuid NOT NULL,
  owner        text,
  other_owner  text,
  action       text NOT NULL,
  score        numeric NOT NULL,
  matched      jsonb NOT NULL,
  found_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_duplicate_record ON tessera_duplicate (record_id);
CREATE INDEX tessera_duplicate_other ON tessera_duplicate (duplicate_of);
CREATE INDEX tessera_duplicate_owner ON tessera_duplicate (owner);
CREATE INDEX tessera_duplicate_other_owner ON tessera_duplicate (other_owner);
