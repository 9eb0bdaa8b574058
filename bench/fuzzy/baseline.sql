-- pg_trgm alone, as the SQL peer does it (pipe_full.sql: name % $1 ORDER BY name <-> $1 LIMIT 3), on
-- the same 1M customers and cases: a trigram index over the names (lower case, single spaces, as
-- Tessera normalizes them), built once. Server-side time per query (no network, no JSON); recall
-- counts the original first / among the 3 returned.
\set ON_ERROR_STOP on
CREATE TABLE IF NOT EXISTS bench_trgm_name AS
  SELECT id, lower(regexp_replace(btrim(data->>'name'), '\s+', ' ', 'g')) AS name FROM rec_customer;
CREATE INDEX IF NOT EXISTS bench_trgm_name_gin ON bench_trgm_name USING gin (name gin_trgm_ops);
ANALYZE bench_trgm_name;
CREATE TEMP TABLE bench_case (k int, original uuid, name text);
\copy bench_case FROM 'cases_names.tsv'
CREATE TEMP TABLE bench_result (k int, ids uuid[], ms float8);
DO $$
DECLARE c record; t timestamptz; r uuid[];
BEGIN
  FOR c IN SELECT * FROM bench_case ORDER BY k LOOP
    t := clock_timestamp();
    SELECT array_agg(id) INTO r FROM (SELECT id FROM bench_trgm_name
      WHERE name % c.name ORDER BY name <-> c.name LIMIT 3) x;
    INSERT INTO bench_result VALUES (c.k, r, extract(epoch FROM clock_timestamp() - t) * 1000);
  END LOOP;
END $$;
SELECT 'recall_top1=' || round(avg((r.ids[1] = c.original)::int) FILTER (WHERE c.original IS NOT NULL), 3)
    || ' recall_top3=' || round(avg((c.original = ANY(coalesce(r.ids, '{}')))::int) FILTER (WHERE c.original IS NOT NULL), 3)
    || ' new_with_hits=' || round(avg((r.ids IS NOT NULL)::int) FILTER (WHERE c.original IS NULL), 3)
    || ' p50_ms=' || round(percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms)::numeric, 2)
    || ' p95_ms=' || round(percentile_cont(0.95) WITHIN GROUP (ORDER BY r.ms)::numeric, 2)
    || ' p99_ms=' || round(percentile_cont(0.99) WITHIN GROUP (ORDER BY r.ms)::numeric, 2)
  FROM bench_case c JOIN bench_result r USING (k);
