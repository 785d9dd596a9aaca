-- map_listings filtered with its own copy of the explorer's rules; it now uses atlas.explorer_listings, so every
-- listing read (map_features, map_summary, map_listings) filters identically. Same signature and result shape.
create or replace function public.map_listings(
  p_sectors text[] default null,
  p_kinds text[] default null,
  p_q text default null,
  p_bbox double precision[] default null,
  p_event_from date default null,
  p_event_to date default null
) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_box box;
  v_result jsonb;
begin
  if p_bbox is not null then
    if cardinality(p_bbox) <> 4 or array_position(p_bbox, null) is not null
       or p_bbox[1] > p_bbox[3] or p_bbox[2] > p_bbox[4] then
      raise exception using errcode = '22023', message = 'p_bbox must be [west, south, east, north]',
        detail = format('Got %s.', p_bbox), hint = 'Longitudes and latitudes in WGS84 degrees, west <= east.';
    end if;
    v_box := box(point(p_bbox[1], p_bbox[2]), point(p_bbox[3], p_bbox[4]));
  end if;

  with matched as (
    select l from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  )
  select jsonb_build_object(
    'type', 'FeatureCollection',
    'features', coalesce((
      select jsonb_agg(jsonb_build_object(
               'type', 'Feature',
               'id', (m.l).id,
               'geometry', jsonb_build_object('type', 'Point', 'coordinates', jsonb_build_array((m.l).lon, (m.l).lat)),
               'properties', atlas.listing_summary(m.l))
             order by (m.l).slug)
      from matched as m
      where (m.l).location is not null and (v_box is null or (m.l).location <@ v_box)), '[]'::jsonb),
    -- Listings that match but have no known location: never drawn at a made-up point, only counted.
    'unlocated', (select count(*) from matched as m where (m.l).location is null))
  into v_result;
  return v_result;
end
$$;
