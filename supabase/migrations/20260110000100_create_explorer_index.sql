-- Search as you type with 100k listings (issue #4: keystroke → list and counts ≤ 100 ms p95). map_summary read the
-- whole listings table (~900 bytes a row: descriptions, sources, the precomputed map feature…) to count the matches
-- of a broad term ("listing" matches them all), then counted sectors by unnesting every row and sorted every match
-- for the first page: ~400 ms at 100k. Now:
-- - atlas.explorer_index holds only what the explorer filters, counts and sorts on, for published listings only
--   (~250 bytes a row), kept by triggers on atlas.listings;
-- - the filter rules live once, in atlas.explorer_keys_match, used by explorer_listings (the full rows: map layer,
--   exports, statistics) and by map_summary (the index: list and counts), so map, list and counts still agree;
-- - map_summary counts in one pass (a filtered count per kind and per sector) and lets the planner see its arguments, so a broad term takes the first page from an index on the list order, stopping
--   after one page, and a rare one uses the trigram index. 100k listings: 'listing' (all match) 407 → ~40 ms.

create table atlas.explorer_index (
  listing_id uuid primary key references atlas.listings (id) on delete cascade,
  kind text not null,
  sectors text[] not null,
  located boolean not null,
  sort_name text not null, -- coalesce(name_zh, name_en): the list's order, then slug
  slug text not null,
  search_text text not null,
  event_start date,
  event_end date
);
comment on table atlas.explorer_index is
  'Published listings'' filter, count and sort keys for the explorer''s list (map_summary); maintained by triggers '
  'on atlas.listings. Public by construction: it only ever holds published listings.';
create index explorer_index_order_idx on atlas.explorer_index (sort_name, slug);
create index explorer_index_search_idx on atlas.explorer_index using gin (search_text extensions.gin_trgm_ops);

alter table atlas.explorer_index enable row level security;
create policy "anyone reads the index of published listings" on atlas.explorer_index
  for select to anon, authenticated using (true);
revoke all on atlas.explorer_index from public, anon, authenticated;
grant select on atlas.explorer_index to anon, authenticated, service_role;

-- Statement triggers with transition tables: one insert for a batch of 5,000 rows, not 5,000.
create or replace function atlas.explorer_index_sync() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from atlas.explorer_index as x using old_rows as o where x.listing_id = o.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into atlas.explorer_index (listing_id, kind, sectors, located, sort_name, slug, search_text, event_start, event_end)
    select n.id, n.kind, n.sectors::text[], n.lon is not null, coalesce(n.name_zh, n.name_en), n.slug, n.search_text,
           n.event_start, n.event_end
    from new_rows as n where n.status = 'published';
  end if;
  return null;
end
$$;
revoke all on function atlas.explorer_index_sync() from public;

create trigger listings_index_insert after insert on atlas.listings
  referencing new table as new_rows for each statement execute function atlas.explorer_index_sync();
create trigger listings_index_update after update on atlas.listings
  referencing old table as old_rows new table as new_rows for each statement execute function atlas.explorer_index_sync();
create trigger listings_index_delete after delete on atlas.listings
  referencing old table as old_rows for each statement execute function atlas.explorer_index_sync();

insert into atlas.explorer_index (listing_id, kind, sectors, located, sort_name, slug, search_text, event_start, event_end)
select l.id, l.kind, l.sectors::text[], l.lon is not null, coalesce(l.name_zh, l.name_en), l.slug, l.search_text,
       l.event_start, l.event_end
from atlas.listings as l where l.status = 'published';
analyze atlas.explorer_index;

-- The explorer's filter rules (sectors, kinds, search terms, event window) on one row's keys. An SQL expression
-- function without SET, so PostgreSQL inlines it into both callers (see 20260109000000 on inlining). p_patterns
-- is atlas.search_patterns(q), used once (a sub-select used twice would stop the inlining); null matches all.
create or replace function atlas.explorer_keys_match(
  p_kind text, p_sectors text[], p_search_text text, p_event_start date, p_event_end date,
  p_want_sectors text[], p_want_kinds text[], p_patterns text[], p_event_from date, p_event_to date
) returns boolean
language sql immutable parallel safe as $$
  select (nullif(p_want_sectors, '{}') is null or p_sectors && p_want_sectors)
     and (nullif(p_want_kinds, '{}') is null or p_kind = any (p_want_kinds))
     and p_search_text like all (coalesce(p_patterns, '{}'))
     and (p_kind <> 'event' or (p_event_from is null and p_event_to is null)
          or (p_event_start is not null
              and (p_event_to is null or p_event_start <= p_event_to)
              and (p_event_from is null or coalesce(p_event_end, p_event_start) >= p_event_from)))
$$;

-- Same signature and rows as before; the rules now come from explorer_keys_match.
create or replace function atlas.explorer_listings(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                   p_event_to date)
returns setof atlas.listings
language sql stable as $$
  select l.* from atlas.listings as l
  where atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to)
    and l.status = 'published'
    and atlas.explorer_keys_match(l.kind, l.sectors::text[], l.search_text, l.event_start, l.event_end,
                                  p_sectors, p_kinds, (select atlas.search_patterns(p_q)), p_event_from, p_event_to)
$$;

revoke all on function atlas.explorer_keys_match(text, text[], text, date, date, text[], text[], text[], date, date) from public;
grant execute on function atlas.explorer_keys_match(text, text[], text, date, date, text[], text[], text[], date, date)
  to anon, authenticated, service_role;

-- The list's counts and the ids of one page, from the index. The query is built with the arguments as constants
-- (quoted with %L), so the planner sees how selective they are: a rare term uses the trigram index (one LIKE per
-- term — the index cannot serve LIKE ALL of an array; same meaning as explorer_keys_match's), a term matching most
-- listings walks the list-order index and stops after one page; the counts come from one pass grouped by (kind,
-- sectors, located). SECURITY DEFINER because under row level security PostgreSQL withholds column statistics
-- from non-leakproof operators such as LIKE, and the planner then guessed "few rows" for a term matching all of
-- them (a bitmap scan, then sorting 100k rows to group them: 3× slower). It reads only atlas.explorer_index, which holds published listings only.
create or replace function atlas.explorer_index_page(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                     p_event_to date, p_limit integer, p_offset integer) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_where text;
  v_result jsonb;
begin
  perform atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to);
  v_where := format('atlas.explorer_keys_match(x.kind, x.sectors, x.search_text, x.event_start, x.event_end, '
                    '%L::text[], %L::text[], null, %L::date, %L::date)', p_sectors, p_kinds, p_event_from, p_event_to)
          || coalesce((select string_agg(format(' and x.search_text like %L', t), '')
                       from unnest(atlas.search_patterns(p_q)) as t), '');
  execute format($query$
    with groups as materialized (
      -- one pass, a few hundred groups at most
      select x.kind, x.sectors, x.located, count(*) as n from atlas.explorer_index as x where %1$s group by 1, 2, 3
    )
    select jsonb_build_object(
      'total', (select coalesce(sum(g.n), 0) from groups as g),
      'located', (select coalesce(sum(g.n), 0) from groups as g where g.located),
      'by_kind', coalesce((select jsonb_object_agg(k.kind, k.n) from (
                    select g.kind, sum(g.n) as n from groups as g group by 1) as k), '{}'),
      'by_sector', coalesce((select jsonb_object_agg(c.code, c.n) from (
                    select u.code, sum(g.n) as n from groups as g, unnest(g.sectors) as u (code) group by 1) as c), '{}'),
      'ids', coalesce((select jsonb_agg(p.listing_id order by p.sort_name, p.slug) from (
                         select x.listing_id, x.sort_name, x.slug from atlas.explorer_index as x where %1$s
                         order by x.sort_name, x.slug limit %2$s offset %3$s) as p), '[]'))
    $query$, v_where, least(greatest(coalesce(p_limit, 50), 1), 500), greatest(coalesce(p_offset, 0), 0))
  into v_result;
  return v_result;
end
$$;
revoke all on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer) from public;
grant execute on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer)
  to anon, authenticated, service_role;

-- Same arguments and result as before: counts and one page from the index, the page's rows read from
-- atlas.listings as the caller (row level security applies as ever).
create or replace function public.map_summary(p_sectors text[] default null, p_kinds text[] default null,
                                              p_q text default null, p_event_from date default null,
                                              p_event_to date default null, p_limit integer default 50,
                                              p_offset integer default 0) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with found as materialized (
    select f, array(select i::uuid from jsonb_array_elements_text(f -> 'ids') as i) as ids
    from atlas.explorer_index_page(p_sectors, p_kinds, p_q, p_event_from, p_event_to, p_limit, p_offset) as f
  )
  select jsonb_build_object(
    'version', (select v.version from atlas.listings_data_version as v),
    'total', found.f -> 'total',
    'located', found.f -> 'located',
    'by_kind', found.f -> 'by_kind',
    'by_sector', found.f -> 'by_sector',
    -- = any (array): the page's rows by primary key, whatever the planner guesses about the page's size
    'rows', coalesce((select jsonb_agg(atlas.listing_summary(l) || jsonb_build_object('located', l.lon is not null)
                                       order by array_position(found.ids, l.id))
                      from atlas.listings as l where l.id = any (found.ids)), '[]'))
  from found
$$;
