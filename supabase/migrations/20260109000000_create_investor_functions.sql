-- Issue #6 (investors): statistics for any area, the cluster view's per-area counts, streamed exports and the
-- plan's support measures.
--
-- * Every listing read goes through atlas.explorer_listings (the explorer's one filter), so the counts here equal
--   the counts of map_summary for the same filters.
-- * An "area" is a small JSON value (atlas.area_spec_problem documents it): a drawn GeoJSON Polygon, a circle
--   (centre + radius in metres), one of the plan's places, or a district. A place holds the listings located inside
--   its outline AND the listings tied to it (place_id); a place without an outline holds its tied listings only;
--   a district holds the listings it owns (district_code: no district outlines are shipped).
-- * Geometry with native types (PGlite has no PostGIS): `point <@ polygon` (edges count as inside, as Turf's
--   booleanPointInPolygon does by default), circles by haversine distance with Turf's earth radius, and a bounding
--   box prefilter first. A drawn polygon that crosses itself is refused here too, whatever the browser checked.
--
-- Applies unchanged to PGlite and PostgreSQL 15+; re-running it is harmless.

-- ---------------------------------------------------------------------------------------------------------------
-- The plan's support measures (data/policy-measures.json → seed)
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.policy_measures (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(id) <= 100),
  sort_order smallint not null unique,
  plan_title_zh text not null,
  plan_title_en text not null,
  plan_document_no text,
  plan_published date,
  clause_ref text,                        -- the clause number, when the source shows one
  clause_heading_zh text,
  clause_zh text not null check (char_length(clause_zh) between 1 and 4000), -- quoted exactly from the source
  clause_en text not null check (char_length(clause_en) between 1 and 4000), -- an English rendering (translation)
  summary_zh text not null,
  summary_en text not null,
  rate_pct numeric check (rate_pct > 0 and rate_pct <= 100), -- "up to N % of the actual investment"
  cap_cny bigint check (cap_cny > 0),                          -- "at most N yuan"
  amount_cny bigint check (amount_cny > 0),                    -- a fixed amount
  applies_kinds text[] not null default '{}'
    check (applies_kinds <@ array['enterprise', 'platform', 'event']::text[]),
  applies_sectors atlas.sector_list not null default '{}',
  applies_area_kinds text[] not null default '{}'
    check (applies_area_kinds <@ array['consumption_district', 'industry_town']::text[]),
  -- [{url, kind: 'official' | 're-post', note}], at least one
  sources jsonb not null check (jsonb_typeof(sources) = 'array' and jsonb_array_length(sources) >= 1),
  notes text,
  verified_at date
);

revoke all on atlas.policy_measures from public, anon, authenticated;
-- Public reference data: everyone reads it; only the seed and service jobs write it.
grant select on atlas.policy_measures to anon, authenticated;
grant select, insert, update, delete on atlas.policy_measures to service_role;
alter table atlas.policy_measures enable row level security;
drop policy if exists "Anyone can read the plan's support measures" on atlas.policy_measures;
create policy "Anyone can read the plan's support measures" on atlas.policy_measures
  for select to anon, authenticated using (true);

create or replace function public.list_policy_measures() returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', m.id, 'plan_title_zh', m.plan_title_zh, 'plan_title_en', m.plan_title_en,
    'plan_document_no', m.plan_document_no, 'plan_published', m.plan_published,
    'clause_ref', m.clause_ref, 'clause_heading_zh', m.clause_heading_zh,
    'clause_zh', m.clause_zh, 'clause_en', m.clause_en, 'summary_zh', m.summary_zh, 'summary_en', m.summary_en,
    'rate_pct', m.rate_pct, 'cap_cny', m.cap_cny, 'amount_cny', m.amount_cny,
    'applies_to', jsonb_build_object('listing_kinds', to_jsonb(m.applies_kinds),
                                     'sectors', to_jsonb(m.applies_sectors::text[]),
                                     'area_kinds', to_jsonb(m.applies_area_kinds)),
    'sources', m.sources, 'notes', m.notes, 'verified_at', m.verified_at) order by m.sort_order), '[]'::jsonb)
  from atlas.policy_measures as m
$$;
comment on function public.list_policy_measures() is
  'The support measures of the plan (深府办〔2020〕4号) as data: clause quoted in Chinese (clause_zh) with an English '
  'rendering (clause_en, a translation), rate_pct / cap_cny / amount_cny, applies_to {listing_kinds, sectors, '
  'area_kinds}, sources [{url, kind, note}]. Only measures whose text was found are listed (data/EXCLUDED.md).';

-- ---------------------------------------------------------------------------------------------------------------
-- The explorer's one filter, made inlinable
-- ---------------------------------------------------------------------------------------------------------------

-- The same rules as before (20260103000000_create_map_functions.sql), now a LANGUAGE SQL function with a single
-- SELECT and no SET clause, so PostgreSQL inlines it into the calling query instead of materialising every
-- matching row first: a caller's own conditions (`l.location <@ box`, `l.slug > $after … limit n`) then reach the
-- listings' indexes. Measured with 100k listings: an area's statistics fell from ~240 ms to a few tens of ms, and
-- an export page no longer re-reads the whole set. The argument checks move to atlas.explorer_args_ok, evaluated
-- once per query (a one-time filter: it references no column) and raising the same errors as before.
-- Without `set search_path` (which would prevent inlining) every name in the body is schema-qualified; operators
-- and built-ins resolve in pg_catalog, which is searched first when search_path does not name it.
create or replace function atlas.explorer_args_ok(p_sectors text[], p_kinds text[], p_event_from date, p_event_to date)
returns boolean
language plpgsql stable set search_path = '' as $$
begin
  perform atlas.check_codes('p_sectors', nullif(p_sectors, '{}'), array['apparel', 'furniture', 'watches', 'jewellery',
                            'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts']);
  perform atlas.check_codes('p_kinds', nullif(p_kinds, '{}'), array['enterprise', 'platform', 'event']);
  if p_event_from > p_event_to then
    raise exception using errcode = '22023', message = 'p_event_from is after p_event_to',
      detail = format('Got %s to %s.', p_event_from, p_event_to);
  end if;
  return true;
end
$$;

create or replace function atlas.explorer_listings(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                   p_event_to date)
returns setof atlas.listings
language sql stable as $$
  select l.* from atlas.listings as l
  where atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to)
    and l.status = 'published'
    and (nullif(p_sectors, '{}') is null or l.sectors::text[] && p_sectors)
    and (nullif(p_kinds, '{}') is null or l.kind = any (p_kinds))
    -- a scalar subquery runs once per query (an InitPlan); a bare call would run once per row
    and ((select atlas.search_patterns(p_q)) is null or l.search_text like all ((select atlas.search_patterns(p_q))::text[]))
    and (l.kind <> 'event' or (p_event_from is null and p_event_to is null)
         or (l.event_start is not null
             and (p_event_to is null or l.event_start <= p_event_to)
             and (p_event_from is null or coalesce(l.event_end, l.event_start) >= p_event_from)))
$$;

revoke all on function atlas.explorer_args_ok(text[], text[], date, date) from public;
grant execute on function atlas.explorer_args_ok(text[], text[], date, date) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- Areas
-- ---------------------------------------------------------------------------------------------------------------

-- A native polygon from a GeoJSON linear ring ([[lon, lat], …]).
create or replace function atlas.area_ring(p_ring jsonb) returns polygon
language sql immutable parallel safe set search_path = '' as $$
  select ('(' || string_agg(format('(%s,%s)', c ->> 0, c ->> 1), ',' order by i) || ')')::polygon
  from jsonb_array_elements(p_ring) with ordinality as t (c, i)
$$;

-- True when two segments of a closed ring that are not neighbours touch or cross (lseg ?# lseg), i.e. the ring is
-- not simple. O(n²) over at most 500 positions (atlas.area_spec_problem refuses more).
create or replace function atlas.ring_self_intersects(p_ring jsonb) returns boolean
language plpgsql immutable set search_path = '' as $$
declare
  v_points point[];
  v_n integer;
begin
  select array_agg(point((c ->> 0)::double precision, (c ->> 1)::double precision) order by i)
    into v_points from jsonb_array_elements(p_ring) with ordinality as t (c, i);
  v_n := cardinality(v_points) - 1; -- segments of the closed ring
  for i in 1 .. v_n loop
    for j in i + 2 .. v_n loop
      continue when i = 1 and j = v_n; -- the first and last segments meet at the closing position
      if lseg(v_points[i], v_points[i + 1]) ?# lseg(v_points[j], v_points[j + 1]) then
        return true;
      end if;
    end loop;
  end loop;
  return false;
end
$$;

-- Why an area value cannot be used, or null when it can. The forms:
--   {"type": "Polygon", "coordinates": [[[lon, lat], …]]}    drawn; closed rings of ≥ 4 and ≤ 500 positions, no hole
--                                                             crossing itself; WGS84
--   {"type": "circle", "center": [lon, lat], "radius_m": r}  0 < r ≤ 50 000
--   {"type": "place", "id": "<place slug>"}
--   {"type": "district", "code": "<GB/T 2260 code>"}
create or replace function atlas.area_spec_problem(p_area jsonb) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_ring jsonb;
  v_position jsonb;
begin
  if jsonb_typeof(p_area) <> 'object' then
    return 'area must be a JSON object';
  end if;
  case p_area ->> 'type'
    when 'Polygon' then
      if jsonb_typeof(p_area -> 'coordinates') <> 'array' or jsonb_array_length(p_area -> 'coordinates') = 0 then
        return 'polygon has no rings';
      end if;
      for v_ring in select r from jsonb_array_elements(p_area -> 'coordinates') as r loop
        if jsonb_typeof(v_ring) <> 'array' or jsonb_array_length(v_ring) < 4 then
          return 'a polygon ring needs at least four positions (three corners and the closing one)';
        end if;
        if jsonb_array_length(v_ring) > 500 then
          return 'a drawn polygon may have at most 500 positions';
        end if;
        for v_position in select p from jsonb_array_elements(v_ring) as p loop
          if jsonb_typeof(v_position) <> 'array' or jsonb_typeof(v_position -> 0) <> 'number'
             or jsonb_typeof(v_position -> 1) <> 'number'
             or abs((v_position ->> 0)::double precision) > 180 or abs((v_position ->> 1)::double precision) > 90 then
            return 'polygon positions must be [longitude, latitude] in WGS84 degrees';
          end if;
        end loop;
        if v_ring -> 0 <> v_ring -> -1 then
          return 'polygon ring is not closed (its first and last positions differ)';
        end if;
        if atlas.ring_self_intersects(v_ring) then
          return 'polygon crosses itself: draw its edges without crossing';
        end if;
      end loop;
    when 'circle' then
      if jsonb_typeof(p_area -> 'center') <> 'array' or jsonb_typeof(p_area -> 'center' -> 0) <> 'number'
         or jsonb_typeof(p_area -> 'center' -> 1) <> 'number'
         or abs((p_area -> 'center' ->> 0)::double precision) > 180
         or abs((p_area -> 'center' ->> 1)::double precision) > 90 then
        return 'circle center must be [longitude, latitude] in WGS84 degrees';
      end if;
      if jsonb_typeof(p_area -> 'radius_m') <> 'number' or (p_area ->> 'radius_m')::double precision <= 0
         or (p_area ->> 'radius_m')::double precision > 50000 then
        return 'circle radius_m must be a number of metres, more than 0 and at most 50000';
      end if;
    when 'place' then
      if jsonb_typeof(p_area -> 'id') <> 'string' then
        return 'place area needs an id';
      end if;
    when 'district' then
      if jsonb_typeof(p_area -> 'code') <> 'string' then
        return 'district area needs a code';
      end if;
    else
      return 'area type must be Polygon, circle, place or district';
  end case;
  return null;
end
$$;

-- Great-circle distance in metres, as Turf's distance() computes it (haversine, earth radius 6 371 008.8 m).
create or replace function atlas.distance_m(p_lon1 double precision, p_lat1 double precision,
                                            p_lon2 double precision, p_lat2 double precision) returns double precision
language sql immutable parallel safe set search_path = '' as $$
  select 2 * 6371008.8 * asin(least(1, sqrt(
    power(sin(radians(p_lat2 - p_lat1) / 2), 2)
    + cos(radians(p_lat1)) * cos(radians(p_lat2)) * power(sin(radians(p_lon2 - p_lon1) / 2), 2))))
$$;

-- The published listings matching the explorer's filters that lie in an area (see the forms above). Raises 22023
-- with the reason for an area that cannot be used, P0002 for an unknown place or district.
create or replace function atlas.area_listings(p_area jsonb, p_sectors text[], p_kinds text[], p_q text,
                                               p_event_from date, p_event_to date)
returns setof atlas.listings
language plpgsql stable set search_path = '' as $$
declare
  v_problem text := atlas.area_spec_problem(p_area);
  v_rings polygon[];
  v_box box;
  v_lon double precision;
  v_lat double precision;
  v_radius double precision;
  v_dlat double precision;
  v_dlon double precision;
  v_place text;
  v_outline jsonb;
begin
  if v_problem is not null then
    raise exception using errcode = '22023', message = v_problem, detail = format('Got %s.', left(p_area::text, 200));
  end if;

  if p_area ->> 'type' = 'district' then
    if not exists (select 1 from atlas.districts as d where d.code = p_area ->> 'code') then
      raise exception using errcode = 'P0002', message = 'unknown district', detail = format('Got %s.', p_area ->> 'code');
    end if;
    return query select l.* from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
                 where l.district_code = p_area ->> 'code';
    return;
  end if;

  if p_area ->> 'type' = 'circle' then
    v_lon := (p_area -> 'center' ->> 0)::double precision;
    v_lat := (p_area -> 'center' ->> 1)::double precision;
    v_radius := (p_area ->> 'radius_m')::double precision;
    -- a box a little larger than the circle: the exact test is the distance
    v_dlat := degrees(v_radius / 6371008.8) * 1.01;
    v_dlon := v_dlat / greatest(cos(radians(least(89, abs(v_lat) + v_dlat))), 0.01);
    v_box := box(point(v_lon - v_dlon, v_lat - v_dlat), point(v_lon + v_dlon, v_lat + v_dlat));
    return query select l.* from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
                 where l.location <@ v_box and atlas.distance_m(v_lon, v_lat, l.lon, l.lat) <= v_radius;
    return;
  end if;

  if p_area ->> 'type' = 'place' then
    select p.id, p.outline into v_place, v_outline from atlas.places as p where p.id = p_area ->> 'id';
    if v_place is null then
      raise exception using errcode = 'P0002', message = 'unknown place', detail = format('Got %s.', p_area ->> 'id');
    end if;
  else
    v_outline := p_area;
  end if;

  if v_outline is not null then
    v_box := atlas.polygon_bbox(v_outline);
    select array_agg(atlas.area_ring(r) order by i) into v_rings
      from jsonb_array_elements(v_outline -> 'coordinates') with ordinality as t (r, i);
  end if;
  return query
  select l.* from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  where (v_place is not null and l.place_id = v_place)
     or (v_rings is not null and l.location <@ v_box and l.location <@ v_rings[1]
         and not exists (select 1 from unnest(v_rings[2:]) as hole where l.location <@ hole));
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- API
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.area_stats(p_area jsonb, p_sectors text[] default null, p_kinds text[] default null,
                                             p_q text default null, p_event_from date default null,
                                             p_event_to date default null, p_limit integer default 50) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with inside as materialized (
    select l.id, l.slug, l.kind, l.sectors, l.name_zh, l.name_en, l.precision, l.place_id, l.event_start,
           l.event_end, l.lon, l.lat, l.updated_at, l.sectors::text[] as sector_list
    from atlas.area_listings(p_area, p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  )
  select jsonb_build_object(
    'area', p_area,
    -- what a place or district is, so a comparison needs no other call
    'place', (select jsonb_build_object('id', p.id, 'kind', p.kind, 'name_zh', p.name_zh, 'name_en', p.name_en,
                                        'sectors', to_jsonb(p.sectors::text[]), 'district_codes', to_jsonb(p.district_codes),
                                        'outlined', p.outline is not null, 'figures', p.figures,
                                        'sources', to_jsonb(p.sources))
              from atlas.places as p where p_area ->> 'type' = 'place' and p.id = p_area ->> 'id'),
    'district', (select jsonb_build_object('code', d.code, 'slug', d.slug, 'name_zh', d.name_zh, 'name_en', d.name_en)
                 from atlas.districts as d where p_area ->> 'type' = 'district' and d.code = p_area ->> 'code'),
    'as_of', (select max(updated_at) from inside),
    'total', (select count(*) from inside),
    'located', (select count(*) from inside where lon is not null),
    'by_kind', coalesce((select jsonb_object_agg(k, n) from (select kind as k, count(*) as n from inside group by 1) as t), '{}'),
    'by_sector', coalesce((select jsonb_object_agg(s, n) from (
                   select s, count(*) as n from inside, unnest(sector_list) as s group by 1) as t), '{}'),
    'by_kind_sector', coalesce((select jsonb_object_agg(k, per) from (
                        select k, jsonb_object_agg(s, n) as per from (
                          select kind as k, s, count(*) as n from inside, unnest(sector_list) as s group by 1, 2) as u
                        group by k) as t), '{}'),
    'listings', coalesce((select jsonb_agg(jsonb_build_object(
                   'id', i.id, 'slug', i.slug, 'kind', i.kind, 'sectors', to_jsonb(i.sector_list),
                   'name_zh', i.name_zh, 'name_en', i.name_en, 'precision', i.precision, 'place_id', i.place_id,
                   'event_start', i.event_start, 'event_end', i.event_end, 'lon', i.lon, 'lat', i.lat)
                   order by coalesce(i.name_zh, i.name_en), i.slug)
                 from (select * from inside order by coalesce(name_zh, name_en), slug
                       limit least(greatest(coalesce(p_limit, 50), 0), 500)) as i), '[]'))
$$;
comment on function public.area_stats(jsonb, text[], text[], text, date, date, integer) is
  'Statistics of the published listings in an area, with the explorer''s filters: {area, total, located, by_kind, '
  'by_sector, by_kind_sector {kind: {sector: n}}, listings: the first p_limit (0–500) by name, with lon/lat}. '
  'p_area: {"type":"Polygon","coordinates":…} (drawn; refused with 22023 if a ring crosses itself), '
  '{"type":"circle","center":[lon,lat],"radius_m":r}, {"type":"place","id":…} (inside its outline or tied to it) '
  'or {"type":"district","code":…} (listings the district owns).';

-- The cluster view: every place and every district with its counts for the filters, the place's published figures
-- and sectors, and the data's date (the newest change among the listings counted).
create or replace function public.area_summaries(p_sectors text[] default null, p_kinds text[] default null,
                                                 p_q text default null, p_event_from date default null,
                                                 p_event_to date default null) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with areas as (
    select p.*, case when p.outline is not null then atlas.area_ring(p.outline -> 'coordinates' -> 0) end as ring
    from atlas.places as p
  ),
  -- each place: the listings inside its outline (bbox prefilter on the GiST index) united with those tied to it;
  -- places have no holes (data:check), and `union` counts a listing that is both once
  in_place as (
    select a.id as area_id, m.id, m.kind, m.s, m.lon
    from areas as a cross join lateral (
      select l.id, l.kind, l.sectors::text[] as s, l.lon
      from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
      where a.ring is not null and l.location <@ a.bbox and l.location <@ a.ring
      union
      select l.id, l.kind, l.sectors::text[] as s, l.lon
      from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
      where l.place_id = a.id
    ) as m
  ),
  place_kinds as (select area_id, kind, count(*) as n, count(lon) as located from in_place group by 1, 2),
  place_sectors as (select area_id, sec, count(*) as n from in_place, unnest(s) as sec group by 1, 2),
  district_kinds as materialized (
    select l.district_code as code, l.kind, count(*) as n, count(l.lon) as located, max(l.updated_at) as updated
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l group by 1, 2
  ),
  district_sectors as materialized (
    select l.district_code as code, sec, count(*) as n
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l,
         unnest(l.sectors::text[]) as sec
    where l.district_code is not null group by 1, 2
  )
  select jsonb_build_object(
    'as_of', (select max(updated) from district_kinds),
    'total', (select coalesce(sum(n), 0) from district_kinds),
    'places', coalesce((select jsonb_agg(jsonb_build_object(
        'id', a.id, 'kind', a.kind, 'name_zh', a.name_zh, 'name_en', a.name_en,
        'sectors', to_jsonb(a.sectors::text[]), 'district_codes', to_jsonb(a.district_codes),
        'outlined', a.outline is not null, 'precision', a.precision, 'figures', a.figures,
        'sources', to_jsonb(a.sources),
        'counts', jsonb_build_object(
          'total', coalesce((select sum(n) from place_kinds as k where k.area_id = a.id), 0),
          'located', coalesce((select sum(located) from place_kinds as k where k.area_id = a.id), 0),
          'by_kind', coalesce((select jsonb_object_agg(kind, n) from place_kinds as k where k.area_id = a.id), '{}'),
          'by_sector', coalesce((select jsonb_object_agg(sec, n) from place_sectors as t where t.area_id = a.id), '{}')))
        order by a.kind, a.id) from areas as a), '[]'),
    'districts', coalesce((select jsonb_agg(jsonb_build_object(
        'code', d.code, 'slug', d.slug, 'name_zh', d.name_zh, 'name_en', d.name_en,
        'counts', jsonb_build_object(
          'total', coalesce((select sum(n) from district_kinds as k where k.code = d.code), 0),
          'located', coalesce((select sum(located) from district_kinds as k where k.code = d.code), 0),
          'by_kind', coalesce((select jsonb_object_agg(kind, n) from district_kinds as k where k.code = d.code), '{}'),
          'by_sector', coalesce((select jsonb_object_agg(sec, n) from district_sectors as t where t.code = d.code), '{}')))
        order by d.code) from atlas.districts as d), '[]'))
$$;
comment on function public.area_summaries(text[], text[], text, date, date) is
  'The cluster view: {as_of (newest change among the counted listings), total, places: [{id, kind, name_zh, '
  'name_en, sectors, district_codes, outlined, precision, figures [{metric,value,unit,year,source}], sources, '
  'counts {total, located, by_kind, by_sector}}], districts: [{code, slug, name_zh, name_en, counts}]} for the '
  'explorer''s filters. A place counts the listings inside its outline or tied to it; a district those it owns.';

-- Exports: the filtered listings (optionally only those in an area) in pages, by slug after p_after (keyset
-- paging, so a 100k-row export is fetched page by page and never held whole).
create or replace function public.export_listings(p_sectors text[] default null, p_kinds text[] default null,
                                                  p_q text default null, p_event_from date default null,
                                                  p_event_to date default null, p_area jsonb default null,
                                                  p_after text default null, p_limit integer default 1000)
returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_limit integer := least(greatest(coalesce(p_limit, 1000), 1), 5000);
  v_result jsonb;
begin
  -- slugs are never empty, so '' starts at the beginning. Only (id, slug) are sorted; the page's full rows are
  -- read afterwards by primary key, so a page costs one pass over narrow rows rather than a sort of wide ones.
  with page_ids as (
    select l.id, l.slug from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
    where p_area is null and l.slug > coalesce(p_after, '')
    union all
    select l.id, l.slug from atlas.area_listings(p_area, p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
    where p_area is not null and l.slug > coalesce(p_after, '')
    order by slug
    limit v_limit
  ),
  page as (select l.* from page_ids as p join atlas.listings as l on l.id = p.id)
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', l.id, 'slug', l.slug, 'kind', l.kind, 'sectors', to_jsonb(l.sectors::text[]),
    'name_zh', l.name_zh, 'name_en', l.name_en, 'summary_zh', l.summary_zh, 'summary_en', l.summary_en,
    'address_zh', l.address_zh, 'address_en', l.address_en, 'district_code', l.district_code,
    'place_id', l.place_id, 'lon', l.lon, 'lat', l.lat, 'precision', l.precision, 'website', l.website,
    'platform_type', l.platform_type, 'event_start', l.event_start, 'event_end', l.event_end,
    'dates_note', l.dates_note, 'venue_zh', l.venue_zh, 'venue_en', l.venue_en,
    'source_urls', to_jsonb(l.source_urls), 'verified_at', l.verified_at, 'updated_at', l.updated_at)
    order by l.slug), '[]')
  into v_result
  from page as l;
  return v_result;
end
$$;
comment on function public.export_listings(text[], text[], text, date, date, jsonb, text, integer) is
  'One page (p_limit 1–5000) of the filtered published listings after slug p_after, ordered by slug, with every '
  'public field and its sources; p_area (as in area_stats) narrows them to an area. For the site''s exports.';

revoke all on function atlas.area_ring(jsonb), atlas.ring_self_intersects(jsonb), atlas.area_spec_problem(jsonb),
  atlas.distance_m(double precision, double precision, double precision, double precision),
  atlas.area_listings(jsonb, text[], text[], text, date, date) from public;
grant execute on function atlas.area_ring(jsonb), atlas.ring_self_intersects(jsonb), atlas.area_spec_problem(jsonb),
  atlas.distance_m(double precision, double precision, double precision, double precision),
  atlas.area_listings(jsonb, text[], text[], text, date, date)
  to anon, authenticated, service_role;
revoke execute on function public.list_policy_measures(),
  public.area_stats(jsonb, text[], text[], text, date, date, integer),
  public.area_summaries(text[], text[], text, date, date),
  public.export_listings(text[], text[], text, date, date, jsonb, text, integer) from public;
grant execute on function public.list_policy_measures(),
  public.area_stats(jsonb, text[], text[], text, date, date, integer),
  public.area_summaries(text[], text[], text, date, date),
  public.export_listings(text[], text[], text, date, date, jsonb, text, integer)
  to anon, authenticated, service_role;
