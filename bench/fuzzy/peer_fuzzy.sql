-- The fuzzy lookup of ../../../shared/peers/sql-pipeline/pipe_full.sql alone (read-only): a seeded
-- name with its 4th character replaced, pg_trgm % and <-> over the peer's 1M customers.
\set src random(1,1000000)
SELECT overlay(name placing 'x' from 4 for 1) AS cand_name FROM dd_customer WHERE id = :src \gset
SELECT id, similarity(name, ':cand_name') FROM dd_customer WHERE name % ':cand_name' ORDER BY name <-> ':cand_name' LIMIT 3;
