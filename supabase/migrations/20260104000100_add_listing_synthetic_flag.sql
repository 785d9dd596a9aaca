-- Synthetic listings (generated for benchmarks by `npm run data:synth` / `npm run bench`) are marked in the
-- database itself, so any code path can tell them from real ones and the production start-up can refuse a
-- database that holds any (src/lib/server/backend.ts; override: ALLOW_SYNTHETIC_DATA=1). Real data never sets it:
-- scripts/build-seed.js refuses synthetic input. Applies unchanged to PGlite and PostgreSQL 15+.

alter table atlas.listings add column if not exists synthetic boolean not null default false;

-- The start-up check asks "is there any?": a partial index answers it without a scan, and stays empty in
-- production.
create index if not exists listings_synthetic_idx on atlas.listings (id) where synthetic;
