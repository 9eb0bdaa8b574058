-- Fuzzy duplicate matching: the normalized text of fuzzily matched fields, trigram-indexed, so that
-- similar names and companies are found by an index scan (pg_trgm's % operator), not by reading
-- every record.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE tessera_match_text (
  entity    text NOT NULL,
  field     text NOT NULL,
  value     text NOT NULL,
  record_id uuid NOT NULL,
  PRIMARY KEY (entity, field, record_id)
);
CREATE INDEX tessera_match_text_trgm ON tessera_match_text USING gin (value gin_trgm_ops);
CREATE INDEX tessera_match_text_record ON tessera_match_text (record_id);
