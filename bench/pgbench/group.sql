\set c random(0, 999)
\set s random(0, 9)
\set n random(1, 9000000000000000000)
\set sz random(1000, 2000000)
SELECT CAST(array_agg(((CAST(:c AS int) + i * 37) % 1000) + 1) AS text) AS cs, CAST(array_agg((CAST(:s AS int) + i) % 10) AS text) AS ss, CAST(array_agg('w' || CAST(:n AS text) || '-' || i) AS text) AS ids, CAST(array_agg(CAST(:sz AS bigint)) AS text) AS szs, CAST(array_agg(1) AS text) AS ones, CAST(array_agg(1000) AS text) AS ths, CAST(array_agg(CAST(NULL AS text)) AS text) AS ows FROM generate_series(0, 19) i \gset
BEGIN;
