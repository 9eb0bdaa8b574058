-- What a waiting token waits for is looked up by the event that ends the wait: a task done, a
-- sub-flow's instance ended. Without these, each such event would scan every waiting token.
CREATE INDEX tessera_flow_token_wait_task ON tessera_flow_token ((wait ->> 'task')) WHERE state = 'waiting';
CREATE INDEX tessera_flow_token_wait_instance ON tessera_flow_token ((wait ->> 'instance')) WHERE state = 'waiting';
