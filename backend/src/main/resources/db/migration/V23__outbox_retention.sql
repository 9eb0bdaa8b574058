-- The outbox retention (DeliveryRetention) finds sent and given-up messages by when they finished; pending
-- ones, which the worker claims through tessera_outbox_due, never enter this index.
CREATE INDEX tessera_outbox_done ON tessera_outbox ((coalesce(sent_at, due_at))) WHERE state <> 'pending';
