-- Issue 11, item 5: the security audit log and the audit retention (docs/adr/0042-audit-trail-and-security-log.md).

-- Security events: sign-ins (successful and failed), sign-outs, password changes and sets, API keys created and
-- revoked, metadata publishes and rollbacks, template pack installs. Written in the action's own transaction
-- where there is one. Never holds a password, a token or an API key: only names, reason codes and addresses.
-- actor: who acted (a username, apikey:<name>, system, anonymous); subject: whom or what it concerns (the
-- username signed in or attempted, the key's id, the metadata version).
CREATE TABLE tessera_security_log (
  id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind     text NOT NULL,
  actor    text NOT NULL,
  path     text NOT NULL,
  subject  text,
  address  text,
  details  jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX tessera_security_log_at ON tessera_security_log (at);
CREATE INDEX tessera_security_log_actor ON tessera_security_log (actor, id DESC);
CREATE INDEX tessera_security_log_subject ON tessera_security_log (subject, id DESC);
CREATE INDEX tessera_security_log_kind ON tessera_security_log (kind, id DESC);

-- The record trail read per user (userActivity) and purged by age (tessera.audit.retention).
CREATE INDEX tessera_audit_actor ON tessera_audit (actor, committed_at DESC, position DESC);
CREATE INDEX tessera_audit_committed ON tessera_audit (committed_at);
