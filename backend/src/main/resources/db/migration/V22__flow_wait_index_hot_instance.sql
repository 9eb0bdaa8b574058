-- What a waiting token waits for is looked up by the event that ends the wait: a task done, a
-- sub-flow's instance ended. Without these, each such event would scan every waiting token.
CREATE INDEX tessera_flow_token_wait_task ON tessera_flow_token ((wait ->> 'task')) WHERE state = 'waiting';
CREATE INDEX tessera_flow_token_wait_instance ON tessera_flow_token ((wait ->> 'instance')) WHERE state = 'waiting';

-- An instance's one update (its end) can stay on its page (a HOT update, no new index entries) when no
-- index covers the columns it changes and the page has room: open instances are found through their
-- tokens, the summary counts by (flow, started_at).
DROP INDEX tessera_flow_instance_open;
ALTER TABLE tessera_flow_instance SET (fillfactor = 80);
