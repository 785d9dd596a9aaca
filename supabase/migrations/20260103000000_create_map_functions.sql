-- What the map explorer reads: the plan's places as GeoJSON, the published listings as GeoJSON filtered in SQL,
-- and the matching list page with its counts — all three from ONE filter function, so the map, the list and the
-- counts always agree. Each listing's GeoJSON Feature is built once, at write time, into `map_feature`, so serving
-- 100k features is a string concatenation rather than 100k JSON constructions per request.

-- ---------------------------------------------------------------------------------------------------------------
-- The precomputed map feature of a listing
-- ---------------------------------------------------------------------------------------------------------------

alter table atlas.listings add column if not exists map_feature text;

-- A Point Feature with the small properties the map styles and labels use. Sectors become a delimited string
-- (',apparel,jewellery,') because MapLibre turns array properties into JSON text inside its tiles; `sector` (the
-- first one) drives the colour. No top-level id: the map promotes the `id` property for feature-state.
create or replace function atlas.listing_map_feature(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select case when p_listing.lon is null then null else json_build_object(
    'type', 'Feature',
    'geometry', json_build_object('type', 'Point',
                                  'coordinates', json_build_array(round(p_listing.lon::numeric, 6), round(p_listing.lat::numeric, 6))),
    'properties', json_build_object(
      'id', p_listing.id, 'slug', p_listing.slug, 'kind', p_listing.kind,
      'sector', (p_listing.sectors::text[])[1],
      'sectors', ',' || array_to_string(p_listing.sectors::text[], ',') || ',',
      'name_zh', p_listing.name_zh, 'name_en', p_listing.name_en, 'precision', p_listing.precision,
      'event_start', p_listing.event_start, 'event_end', p_listing.event_end))::text end
$$;

create or replace function atlas.listings_set_map_feature() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.map_feature := atlas.listing_map_feature(new);
  return new;
end
$$;

-- Fires after listings_before_write (triggers run in name order), so the row is final when the feature is built.
drop trigger if exists listings_set_map_feature on atlas.listings;
create trigger listings_set_map_feature before insert or update on atlas.listings
  for each row execute function atlas.listings_set_map_feature();

-- Rows that existed before this migration (a database seeded earlier): fill the column once. This goes through
-- the update triggers, so those rows get a new version and a revision by the migration (actor null).
update atlas.listings set map_feature = atlas.listing_map_feature(listings) where map_feature is null and lon is not null;

-- ---------------------------------------------------------------------------------------------------------------
-- One filter for map, list and counts
-- ---------------------------------------------------------------------------------------------------------------

-- Published listings matching the explorer's filters (null or empty = any): sectors overlap, kinds, every search
-- term a substring of the search text (names, pinyin, initials, address), and for events a known date overlapping
-- [p_event_from, p_event_to] (firms and platforms are not dated, so a date window does not hide them; choose the
-- kind 'event' to see events only). Security invoker: RLS applies on top.
create or replace function atlas.explorer_listings(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                                   p_event_to date)
returns setof atlas.listings
language plpgsql stable set search_path = '' as $$
declare
  v_patterns text[] := atlas.search_patterns(p_q);
  v_sectors text[] := nullif(p_sectors, '{}');
  v_kinds text[] := nullif(p_kinds, '{}');
begin
  perform atlas.check_codes('p_sectors', v_sectors, array['apparel', 'furniture', 'watches', 'jewellery', 'lingerie',
                                                          'leather', 'eyewear', 'cosmetics', 'arts_crafts']);
  perform atlas.check_codes('p_kinds', v_kinds, array['enterprise', 'platform', 'event']);
  if p_event_from > p_event_to then
    raise exception using errcode = '22023', message = 'p_event_from is after p_event_to',
      detail = format('Got %s to %s.', p_event_from, p_event_to);
  end if;
  return query
  select l.* from atlas.listings as l
  where l.status = 'published'
    and (v_sectors is null or l.sectors && v_sectors)
    and (v_kinds is null or l.kind = any (v_kinds))
    and (v_patterns is null or l.search_text like all (v_patterns))
    and (l.kind <> 'event' or (p_event_from is null and p_event_to is null)
         or (l.event_start is not null
             and (p_event_to is null or l.event_start <= p_event_to)
             and (p_event_from is null or coalesce(l.event_end, l.event_start) >= p_event_from)));
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- API
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.map_features(p_sectors text[] default null, p_kinds text[] default null,
                                               p_q text default null, p_event_from date default null,
                                               p_event_to date default null) returns json
language sql stable security invoker set search_path = '' as $$
  select ('{"type":"FeatureCollection","features":[' ||
          coalesce(string_agg(l.map_feature, ',' order by l.slug), '') || ']}')::json
  from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  where l.map_feature is not null
$$;
comment on function public.map_features(text[], text[], text, date, date) is
  'The explorer''s map layer: published listings matching the filters as a GeoJSON FeatureCollection of Points '
  '(properties id, slug, kind, sector, sectors '',a,b,'', name_zh, name_en, precision, event_start, event_end). '
  'Same filters as map_summary. Meant to be loaded by URL (GET) straight into a MapLibre source.';

create or replace function public.map_summary(p_sectors text[] default null, p_kinds text[] default null,
                                              p_q text default null, p_event_from date default null,
                                              p_event_to date default null, p_limit integer default 50,
                                              p_offset integer default 0) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with matched as (
    select l from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  )
  select jsonb_build_object(
    'total', (select count(*) from matched),
    'located', (select count(*) from matched where (l).lon is not null),
    'by_kind', coalesce((select jsonb_object_agg(k, n) from (select (l).kind as k, count(*) as n from matched group by 1) as t), '{}'),
    'by_sector', coalesce((select jsonb_object_agg(s, n) from (
                   select s, count(*) as n from matched, unnest((l).sectors::text[]) as s group by 1) as t), '{}'),
    'rows', coalesce((select jsonb_agg(atlas.listing_summary(p.l) || jsonb_build_object('located', (p.l).lon is not null)
                                       order by coalesce((p.l).name_zh, (p.l).name_en), (p.l).slug)
                      from (select l from matched
                            order by coalesce((l).name_zh, (l).name_en), (l).slug
                            limit least(greatest(coalesce(p_limit, 50), 1), 500)
                            offset greatest(coalesce(p_offset, 0), 0)) as p), '[]'))
$$;
comment on function public.map_summary(text[], text[], text, date, date, integer, integer) is
  'The explorer''s list and counts for the same filters as map_features: {total, located, by_kind, by_sector, '
  'rows: [listing summary + located]} with rows ordered by name, p_limit (1–500) from p_offset.';

create or replace function public.map_places() returns json
language sql stable security invoker set search_path = '' as $$
  select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
    'type', 'Feature',
    'geometry', coalesce(p.outline::json, json_build_object('type', 'Point', 'coordinates', json_build_array(p.lon, p.lat))),
    'properties', json_build_object(
      'id', p.id, 'kind', p.kind, 'name_zh', p.name_zh, 'name_en', p.name_en,
      'sector', (p.sectors::text[])[1], 'sectors', ',' || array_to_string(p.sectors::text[], ',') || ',',
      'precision', p.precision, 'outlined', p.outline is not null, 'search', p.search_text,
      'label_lon', p.centroid[0], 'label_lat', p.centroid[1]))
    order by p.kind, p.id), '[]'))
  from atlas.places as p
$$;
comment on function public.map_places() is
  'The plan''s places as GeoJSON: a Polygon where an outline is known, else the place''s Point; properties id, kind, '
  'name_zh, name_en, sector (first), sectors '',a,b,'', precision, outlined, search (names, pinyin, initials), label_lon/label_lat.';

revoke execute on function public.map_features(text[], text[], text, date, date),
  public.map_summary(text[], text[], text, date, date, integer, integer), public.map_places() from public;
grant execute on function public.map_features(text[], text[], text, date, date),
  public.map_summary(text[], text[], text, date, date, integer, integer), public.map_places()
  to anon, authenticated, service_role;
revoke all on function atlas.listing_map_feature(atlas.listings),
  atlas.explorer_listings(text[], text[], text, date, date) from public;
grant execute on function atlas.listing_map_feature(atlas.listings),
  atlas.explorer_listings(text[], text[], text, date, date) to anon, authenticated, service_role;
