-- A listing selected on the map is found in the explorer's list. The list comes 50 rows at a time, so the row of a
-- listing clicked on the map, or named by a shared link, was often not loaded: the seed's 83 listings fill two
-- pages, and a click on any of the last 33 neither highlighted nor scrolled to a row. public.list_position tells
-- where a listing stands in the list for the same filters and language; the explorer then loads the rows up to it.
--
-- The filters' WHERE clause, built in atlas.explorer_index_page until now, moves into atlas.explorer_where, so the
-- page and the position are read with one definition of "matches". explorer_index_page is otherwise as in
-- 20260116000000.

-- The WHERE clause (on atlas.explorer_index as x) of the explorer's filters, arguments checked (22023 when bad).
create function atlas.explorer_where(p_sectors text[], p_kinds text[], p_q text, p_event_from date, p_event_to date)
returns text
language plpgsql stable set search_path = '' as $$
begin
  perform atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to);
  return format('atlas.explorer_keys_match(x.kind, x.sectors, x.search_text, x.event_start, x.event_end, '
                '%L::text[], %L::text[], null, %L::date, %L::date)', p_sectors, p_kinds, p_event_from, p_event_to)
      || coalesce((select string_agg(case when char_length(t) >= 3
                                          then format(' and x.search_text like %L', '%' || atlas.like_escape(t) || '%')
                                          else format(' and strpos(x.search_text, %L) > 0', t) end, '')
                   -- the terms of atlas.search_patterns, unescaped
                   from regexp_split_to_table(lower(trim(coalesce(p_q, ''))), '\s+') as t
                   where t <> ''), '');
end
$$;
revoke all on function atlas.explorer_where(text[], text[], text, date, date) from public;
grant execute on function atlas.explorer_where(text[], text[], text, date, date) to anon, authenticated, service_role;

-- The list's order column for a language (checked: 22023 for any but zh and en).
create function atlas.explorer_order(p_lang text) returns text
language plpgsql stable set search_path = '' as $$
begin
  perform atlas.check_codes('p_lang', array[p_lang], array['zh', 'en']);
  return case when p_lang = 'en' then 'sort_en' else 'sort_name' end;
end
$$;
revoke all on function atlas.explorer_order(text) from public;
grant execute on function atlas.explorer_order(text) to anon, authenticated, service_role;

create or replace function atlas.explorer_index_page(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                     p_event_to date, p_limit integer, p_offset integer, p_lang text)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_where text := atlas.explorer_where(p_sectors, p_kinds, p_q, p_event_from, p_event_to);
  v_order text := atlas.explorer_order(p_lang);
  v_limit integer := least(greatest(coalesce(p_limit, 50), 1), 500);
  v_offset integer := greatest(coalesce(p_offset, 0), 0);
  v_result jsonb;
  v_ids jsonb;
begin
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
    select coalesce(jsonb_agg(p.listing_id order by p.sort_key, p.slug), '[]') from (
      select m.listing_id, m.sort_key, m.slug from (
        select x.listing_id, x.%5$I as sort_key, x.slug from atlas.explorer_index as x where %1$s %2$s
      ) as m order by m.sort_key, m.slug limit %3$s offset %4$s) as p
    $query$, v_where, case when (v_result ->> 'total')::bigint <= 20 * (v_limit + v_offset) then 'offset 0' else '' end,
    v_limit, v_offset, v_order)
  into v_ids;
  return v_result || jsonb_build_object('ids', v_ids);
end
$$;

-- How many listings come before the given one in the list (its 0-based row), or null when it is not listed.
create function atlas.explorer_index_position(p_slug text, p_sectors text[], p_kinds text[], p_q text,
                                              p_event_from date, p_event_to date, p_lang text)
returns integer
language plpgsql stable security definer set search_path = '' as $$
declare
  v_where text := atlas.explorer_where(p_sectors, p_kinds, p_q, p_event_from, p_event_to);
  v_order text := atlas.explorer_order(p_lang);
  v_position integer;
begin
  -- (order key, slug) is the list's order (explorer_index_page), compared as a row: the same collations
  execute format($query$
    select (select count(*)::integer from atlas.explorer_index as x
            where %1$s and (x.%2$I, x.slug) < (t.sort_key, t.slug))
    from (select x.%2$I as sort_key, x.slug from atlas.explorer_index as x where x.slug = $1 and %1$s) as t
    $query$, v_where, v_order)
  into v_position using p_slug;
  return v_position;
end
$$;
revoke all on function atlas.explorer_index_position(text, text[], text[], text, date, date, text) from public;
grant execute on function atlas.explorer_index_position(text, text[], text[], text, date, date, text)
  to anon, authenticated, service_role;

create function public.list_position(p_slug text, p_sectors text[] default null, p_kinds text[] default null,
                                     p_q text default null, p_event_from date default null,
                                     p_event_to date default null, p_lang text default 'zh') returns integer
language sql stable security invoker set search_path = '' as $$
  select atlas.explorer_index_position(p_slug, p_sectors, p_kinds, p_q, p_event_from, p_event_to, p_lang)
$$;
comment on function public.list_position(text, text[], text[], text, date, date, text) is
  'Where the published listing p_slug stands in the explorer''s list (map_summary) for the same filters and '
  'language: the number of listings before it (its p_offset), or null when the filters leave it out.';
revoke execute on function public.list_position(text, text[], text[], text, date, date, text) from public;
grant execute on function public.list_position(text, text[], text[], text, date, date, text)
  to anon, authenticated, service_role;
