-- Listings of several sectors (the reference's `multi`: no sector named) can be filtered for, as a tenth sector
-- chip, "Several sectors". Before, any sector filter left them out, and no chip brought them back: all nine chips
-- on listed 104 of the 111 listings (the Fashion Consumption Week, the design schools…), and the chips' counts
-- did not add up to the list's.
--
-- To the filter, a listing with no sector is of the sector 'multi'; a listing's own sectors stay as they are.

-- The sectors a listing is filtered and counted by: its own, or 'multi' when it names none.
create function atlas.filter_sectors(p_sectors text[]) returns text[]
language sql immutable parallel safe as $$
  select case when cardinality(p_sectors) = 0 then array['multi'] else p_sectors end
$$;
revoke all on function atlas.filter_sectors(text[]) from public;
grant execute on function atlas.filter_sectors(text[]) to anon, authenticated, service_role;

-- As in 20260109000000, with 'multi' among the codes a filter may name.
create or replace function atlas.explorer_args_ok(p_sectors text[], p_kinds text[], p_event_from date, p_event_to date)
returns boolean
language plpgsql stable set search_path = '' as $$
begin
  perform atlas.check_codes('p_sectors', nullif(p_sectors, '{}'), array['apparel', 'furniture', 'watches', 'jewellery',
                            'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts', 'multi']);
  perform atlas.check_codes('p_kinds', nullif(p_kinds, '{}'), array['enterprise', 'platform', 'event']);
  if p_event_from > p_event_to then
    raise exception using errcode = '22023', message = 'p_event_from is after p_event_to',
      detail = format('Got %s to %s.', p_event_from, p_event_to);
  end if;
  return true;
end
$$;

-- As in 20260110000100, through atlas.filter_sectors (an SQL function without SET: still inlined).
create or replace function atlas.explorer_keys_match(
  p_kind text, p_sectors text[], p_search_text text, p_event_start date, p_event_end date,
  p_want_sectors text[], p_want_kinds text[], p_patterns text[], p_event_from date, p_event_to date
) returns boolean
language sql immutable parallel safe as $$
  select (nullif(p_want_sectors, '{}') is null or atlas.filter_sectors(p_sectors) && p_want_sectors)
     and (nullif(p_want_kinds, '{}') is null or p_kind = any (p_want_kinds))
     and p_search_text like all (coalesce(p_patterns, '{}'))
     and (p_kind <> 'event' or (p_event_from is null and p_event_to is null)
          or (p_event_start is not null
              and (p_event_to is null or p_event_start <= p_event_to)
              and (p_event_from is null or coalesce(p_event_end, p_event_start) >= p_event_from)))
$$;

-- As in 20260117000000, with the listings of several sectors counted under 'multi' (the chips' counts).
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
                    select u.code, sum(g.n) as n from groups as g, unnest(atlas.filter_sectors(g.sectors)) as u (code)
                    group by 1) as c), '{}'))
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
