-- Saved list views of the workspace: columns, filters, sort and page size of one entity's list, kept
-- under a name. owner is the user a private view belongs to; NULL makes the view shared with everyone.
CREATE TABLE tessera_saved_view (
  id          bigserial PRIMARY KEY,
  entity      text NOT NULL,
  name        text NOT NULL,
  owner       text,
  settings    jsonb NOT NULL,
  created_by  text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX tessera_saved_view_name ON tessera_saved_view (entity, coalesce(owner, ''), name);
