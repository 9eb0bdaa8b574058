#!/usr/bin/env bash
# EXPLAIN (ANALYZE, BUFFERS) of the SQL each side runs for q1..q3 (Tessera's statements as its
# storage layer builds them, see backend/.../storage/PgRecordStore.java; the peer's as captured from
# pg_stat_activity while PostGraphile served the queries), each run 5 times to warm, the last shown.
# Then pgbench latency of each statement alone (extended protocol, as both clients send them).
# EXPLAIN's planning times are those of a fresh session (each psql call connects anew, so the catalog
# caches are cold); the pgbench latency on one long-lived connection is the figure to compare.
#   bench/explain.sh > plans.txt        # env: PEER_DB, TESSERA_DB, PGHOST/PGPORT/PGUSER, PGBENCH_T (4)
set -euo pipefail
PEER_DB=${PEER_DB:-peer_postgraphile}
TESSERA_DB=${TESSERA_DB:-bench_tessera}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cols="id, data::text AS data, owner_id, version, created_at, updated_at, created_by, updated_by, deleted_at"
owner42=$(psql -Atqc "select id from \"rec_benchOwner\" where data->>'name' = 'User 42'" "$TESSERA_DB")
q1owners=$(psql -Atqc "select string_agg(distinct data->>'accountOwner', ',') from (select data from \"rec_benchCustomer\" where deleted_at is null order by id desc limit 21) x" "$TESSERA_DB")
q3owners=$(psql -Atqc "select string_agg(id::text, ',' order by id) from (select id from \"rec_benchOwner\" where deleted_at is null order by id limit 10) x" "$TESSERA_DB")

cat > "$T/tessera-q1a.sql" <<EOF
SELECT $cols FROM "rec_benchCustomer" WHERE deleted_at IS NULL AND TRUE ORDER BY id DESC LIMIT 21
EOF
cat > "$T/tessera-q1b.sql" <<EOF
SELECT $cols FROM "rec_benchOwner" WHERE id = ANY('{$q1owners}'::uuid[]) AND deleted_at IS NULL
EOF
cat > "$T/tessera-q2.sql" <<EOF
SELECT $cols FROM "rec_benchCustomer" WHERE deleted_at IS NULL AND ((data->>'status') = 'qualified'::text::text) AND ((data->>'city') = 'Berlin'::text::text) AND ((data->>'accountOwner') = '$owner42'::text::text) AND TRUE ORDER BY id DESC LIMIT 21
EOF
cat > "$T/tessera-q3a.sql" <<EOF
SELECT $cols FROM "rec_benchOwner" WHERE deleted_at IS NULL AND TRUE ORDER BY id ASC LIMIT 11
EOF
cat > "$T/tessera-q3b.sql" <<EOF
SELECT x.* FROM unnest('{$q3owners}'::text[]) AS k(key) CROSS JOIN LATERAL (SELECT $cols FROM "rec_benchCustomer" WHERE (data->>'accountOwner') = k.key AND deleted_at IS NULL AND TRUE ORDER BY id DESC LIMIT 11) x
EOF
cat > "$T/peer-q1.sql" <<'EOF'
select __customer__."id"::text as "0", __customer__."owner_id"::text as "1", __customer__."data"::text as "2", to_char(__customer__."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.USTZH:TZM'::text) as "3", __app_user__."name" as "4", __app_user__."email" as "5" from "public"."customer" as __customer__ left outer join "public"."app_user" as __app_user__ on ((__app_user__."id" = __customer__."owner_id")) order by __customer__."id" desc limit 20
EOF
cat > "$T/peer-q2.sql" <<'EOF'
select __customer__."id"::text as "0", __customer__."data"::text as "1", to_char(__customer__."created_at", 'YYYY-MM-DD"T"HH24:MI:SS.USTZH:TZM'::text) as "2", __app_user__."name" as "3" from "public"."customer" as __customer__ left outer join "public"."app_user" as __app_user__ on ((__app_user__."id" = __customer__."owner_id")) where (__customer__."data" @> '{"status":"qualified","address":{"city":"Berlin"}}'::"jsonb") and (__customer__."owner_id" = 42::"int4") order by __customer__."id" desc limit 20
EOF
cat > "$T/peer-q3.sql" <<'EOF'
select __app_user__."id"::text as "0", __app_user__."name" as "1", array(select array[__customer__."id"::text, __customer__."data"::text]::text[] from "public"."customer" as __customer__ where (__customer__."owner_id" = __app_user__."id") order by __customer__."id" desc limit 10)::text as "2" from "public"."app_user" as __app_user__ order by __app_user__."id" asc limit 10
EOF

for f in tessera-q1a tessera-q1b tessera-q2 tessera-q3a tessera-q3b peer-q1 peer-q2 peer-q3; do
  db=$TESSERA_DB; [[ $f == peer-* ]] && db=$PEER_DB
  echo "=================== $f ($db)"
  cat "$T/$f.sql"
  for _ in 1 2 3 4; do psql -Atq -c "EXPLAIN ANALYZE $(cat "$T/$f.sql")" "$db" > /dev/null; done
  psql -Atq -c "EXPLAIN (ANALYZE, BUFFERS) $(cat "$T/$f.sql")" "$db"
  printf 'pgbench -c1 -T%s: ' "${PGBENCH_T:-4}"
  (cat "$T/$f.sql"; echo ";") > "$T/$f.pgb"
  # the peer's to_char format has ":MI" etc., which pgbench takes for variables: those two statements go
  # by the simple protocol with the "variables" mapped to themselves (parse + plan + execute either way)
  mode=extended; grep -q ':MI' "$T/$f.pgb" && mode=simple
  pgbench -n -M $mode -c1 -T"${PGBENCH_T:-4}" -D MI=:MI -D SS=:SS -D TZM=:TZM -f "$T/$f.pgb" "$db" 2>&1 \
    | grep 'latency average' | sed "s/^/($mode) /" || echo "(pgbench failed)"
done
echo "loadavg: $(cat /proc/loadavg)"
