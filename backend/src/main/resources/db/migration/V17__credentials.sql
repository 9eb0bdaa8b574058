-- Sign-in (issue 11, identity): credentials live here, outside the user records, and are never read by
-- any API. Secrets are stored only as hashes: passwords as Argon2id strings, refresh tokens and API keys
-- (random 256-bit values) as SHA-256 digests. See docs/adr/0040-identity-and-tokens.md.

-- One row per user who can sign in with a password; username is the built-in user entity's username.
-- A session (and the access tokens it issued) created at or before sessions_valid_after is dead: sign-out
-- everywhere and password changes move it forward.
CREATE TABLE tessera_credential (
  username             text PRIMARY KEY,
  password_hash        text NOT NULL,
  sessions_valid_after timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- A signed-in session: what an access token's "sid" claim and a refresh token point at.
CREATE TABLE tessera_session (
  id         uuid PRIMARY KEY,
  username   text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  revoked_at timestamptz
);
CREATE INDEX tessera_session_user ON tessera_session (username);

-- Refresh tokens rotate: each works once (used_at), and a refresh issues the next one of the session.
CREATE TABLE tessera_refresh_token (
  token_hash bytea PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES tessera_session (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
CREATE INDEX tessera_refresh_token_session ON tessera_refresh_token (session_id);

-- API keys for integrators: shown once, bound to a role name, revocable; last_used_at is kept to the minute.
CREATE TABLE tessera_api_key (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL,
  prefix       text NOT NULL,
  key_hash     bytea NOT NULL UNIQUE,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at   timestamptz
);

-- The key pair access tokens are signed with, made by the first node that starts and shared by all.
CREATE TABLE tessera_signing_key (
  id          text PRIMARY KEY,
  algorithm   text NOT NULL,
  private_key bytea NOT NULL,
  public_key  bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Failed sign-ins per account ("account:<username>") and per address ("address:<ip>") in a fixed window.
CREATE TABLE tessera_sign_in_failure (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer NOT NULL
);
