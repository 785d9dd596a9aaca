-- Search as you type, 100k listings (issue #4: keystroke → list and counts ≤ 100 ms p95). Two misplans of
-- explorer_index_page (20260110000100), both from the planner's row estimates:
-- - a term of one or two characters ("12", "sb", "水贝") has no trigram, so the trigram index cannot narrow it
--   down; but written as LIKE beside a longer term ("listing 12") it let the planner expect a selective index
--   scan, which returned every row for re-checking (48 ms where a sequential scan takes 25 ms). Such terms are now
--   tested with strpos (same meaning: a literal substring of the lower-case search text), which the planner does
--   not try to answer from the index;
-- - the page of ids: walking the list-order index and stopping after one page is right when many listings match,
--   and very wrong when a handful do (it walks all 100k). The counts come first now, and tell which of the two
--   queries to run: with few matches, find them all, then sort them.
create or replace function atlas.explorer_index_page(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                     p_event_to date, p_limit integer, p_offset integer) returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_where text;
  v_limit integer;
  v_offset integer;
  v_result jsonb;
  v_ids jsonb;
begin
  perform atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to);
  v_where := format('atlas.explorer_keys_match(x.kind, x.sectors, x.search_text, x.event_start, x.event_end, '
                    '%L::text[], %L::text[], null, %L::date, %L::date)', p_sectors, p_kinds, p_event_from, p_event_to)
          || coalesce((select string_agg(case when char_length(t) >= 3
                                              then format(' and x.search_text like %L', '%' || atlas.like_escape(t) || '%')
                                              else format(' and strpos(x.search_text, %L) > 0', t) end, '')
                       -- the terms of atlas.search_patterns, unescaped
                       from regexp_split_to_table(lower(trim(coalesce(p_q, ''))), '\s+') as t
                       where t <> ''), '');
  v_limit := least(greatest(coalesce(p_limit, 50), 1), 500);
  v_offset := greatest(coalesce(p_offset, 0), 0);
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
                    select u.code, sum(g.n) as n from groups as g, unnest(g.sectors) as u (code) group by 1) as c), '{}'))
    $query$, v_where)
  into v_result;
  -- Many matches: the list-order index yields a page after reading about total/page rows. Few: a scan for the
  -- matches (OFFSET 0 keeps the order out of it), then a sort of that handful.
  execute format($query$
    select coalesce(jsonb_agg(p.listing_id order by p.sort_name, p.slug), '[]') from (
      select m.listing_id, m.sort_name, m.slug from (
        select x.listing_id, x.sort_name, x.slug from atlas.explorer_index as x where %1$s %2$s
      ) as m order by m.sort_name, m.slug limit %3$s offset %4$s) as p
    $query$, v_where, case when (v_result ->> 'total')::bigint <= 20 * (v_limit + v_offset) then 'offset 0' else '' end,
    v_limit, v_offset)
  into v_ids;
  v_result := v_result || jsonb_build_object('ids', v_ids);
  return v_result;
end
$$;
revoke all on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer) from public;
grant execute on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer)
  to anon, authenticated, service_role;
