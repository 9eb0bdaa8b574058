-- Designer drafts: unpublished definitions kept on the server, so a reload or a second admin sees
-- them. One row per definition being edited, keyed by its id (or kind and name before its first
-- publish); revision counts saves, so two admins editing one draft cannot overwrite each other unseen.
CREATE TABLE tessera_metadata_draft (
  draft_key   text PRIMARY KEY,
  kind        text NOT NULL,
  name        text NOT NULL,
  definition  jsonb NOT NULL,
  base_version integer,
  revision    integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text
);
