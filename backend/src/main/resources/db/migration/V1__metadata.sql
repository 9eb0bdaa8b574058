-- Published metadata: every version is kept; the current pointer says which one is live.
CREATE TABLE tessera_metadata_version (
  version       integer PRIMARY KEY,
  definitions   jsonb NOT NULL,
  published_at  timestamptz NOT NULL DEFAULT now(),
  published_by  text,
  restored_from integer,
  summary       text
);

CREATE TABLE tessera_metadata_current (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version   integer NOT NULL REFERENCES tessera_metadata_version(version)
);

-- Counters of autoNumber fields, keyed by entity and field id (stable across renames).
CREATE TABLE tessera_auto_number (
  entity_id  text NOT NULL,
  field_id   text NOT NULL,
  last_value bigint NOT NULL,
  PRIMARY KEY (entity_id, field_id)
);

-- Typed views of JSONB text for expression indexes. The casts themselves are only STABLE (they
-- depend on DateStyle/TimeZone for ambiguous input); Tessera always stores ISO-8601 with an offset,
-- for which they are immutable. Not inlined (body is more volatile than declared), so queries and
-- indexes match on these exact expressions.
CREATE FUNCTION tessera_date(text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT $1::date $$;
CREATE FUNCTION tessera_ts(text) RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT $1::timestamptz $$;
