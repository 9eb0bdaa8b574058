-- Outbound messages (docs/adr/0048-outbox-notifications-webhooks.md). A message is written in the transaction of
-- what caused it, once per idempotency key (a repeat is a no-op); in-app messages land in the inbox at once and
-- keep their key here as 'sent'. The delivery worker claims due rows with FOR UPDATE SKIP LOCKED (the row lock is
-- the lease), sends, and marks them sent, or due again later with backoff, or failed after the last attempt.
CREATE TABLE tessera_outbox (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  channel          text NOT NULL,
  recipient        text NOT NULL,
  subject          text,
  body             text,
  data             jsonb NOT NULL DEFAULT '{}',
  state            text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  due_at           timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX tessera_outbox_due ON tessera_outbox (due_at) WHERE state = 'pending';

-- Outgoing webhook deliveries, asynchronous (through the outbox) or synchronous (a flow's callWebhook): one row
-- per delivery (its id is the X-Tessera-Delivery header), one row per attempt. A synchronous delivery that
-- succeeded keeps its answer, so a repeated call with the same key answers the same without calling again.
CREATE TABLE tessera_webhook_delivery (
  id               uuid PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  outbox_id        bigint REFERENCES tessera_outbox (id) ON DELETE SET NULL,
  url              text NOT NULL,
  status           text NOT NULL DEFAULT 'pending',
  attempts         integer NOT NULL DEFAULT 0,
  last_status_code integer,
  response_body    text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tessera_webhook_delivery_recent ON tessera_webhook_delivery (created_at DESC);
CREATE TABLE tessera_webhook_attempt (
  delivery_id      uuid NOT NULL REFERENCES tessera_webhook_delivery (id) ON DELETE CASCADE,
  attempt          integer NOT NULL,
  status_code      integer,
  duration_ms      integer NOT NULL,
  error            text,
  response_excerpt text,
  at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (delivery_id, attempt)
);

-- Named secrets (webhook signing secrets, inbound source secrets): never metadata, write-only through the API.
-- Stored as given: Tessera has no key-management mechanism yet (ADR 0048).
CREATE TABLE tessera_secret (
  name        text PRIMARY KEY,
  value       text NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Inbound webhook payloads already applied, by source and idempotency key: a repeat answers with the same record.
CREATE TABLE tessera_webhook_received (
  source           text NOT NULL,
  idempotency_key  text NOT NULL,
  entity           text NOT NULL,
  record_id        uuid NOT NULL,
  created          boolean NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, idempotency_key)
);
