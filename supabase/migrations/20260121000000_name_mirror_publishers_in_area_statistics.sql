-- A place's statistics say whose articles its mirrored sources copy. Its published figures often cite a copy of a
-- news article on a mirror site (the reference keeps them where no better URL was found), and the research names the
-- original publisher in the place's notes ("Mirror sources kept (no better URL found in the corpus) - original
-- publisher: <site> = <publisher>; …"). The place panel showed it (src/lib/components/mirrors.ts reads it); the
-- cluster view, the comparison and compare.csv showed only the mirror's address. area_stats and area_summaries now
-- give each place that sentence alone (mirror_note, null when there is none), not all its notes.
--
-- The two functions as in 20260120000000, with mirror_note in their place objects.

-- The notes' mirror sentence (the research's set wording, at their end), or null.
create or replace function atlas.mirror_note(p_notes text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select substring(p_notes from 'Mirror sources kept \(no better URL found in the corpus\) - original publisher: .*$')
$$;
revoke all on function atlas.mirror_note(text) from public;
grant execute on function atlas.mirror_note(text) to anon, authenticated, service_role;

create or replace function public.area_stats(p_area jsonb, p_sectors text[] default null, p_kinds text[] default null,
                                             p_q text default null, p_event_from date default null,
                                             p_event_to date default null, p_limit integer default 50) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with inside as materialized (
    select l.id, l.slug, l.kind, l.sectors, l.name_zh, l.name_en, l.precision, l.place_id, l.event_start,
           l.event_end, l.lon, l.lat, l.updated_at, l.sectors::text[] as sector_list,
           atlas.filter_sectors(l.sectors::text[]) as counted_sectors
    from atlas.area_listings(p_area, p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  )
  select jsonb_build_object(
    'area', p_area,
    -- what a place or district is, so a comparison needs no other call
    'place', (select jsonb_build_object('id', p.id, 'kind', p.kind, 'name_zh', p.name_zh, 'name_en', p.name_en,
                                        'sectors', to_jsonb(p.sectors::text[]), 'district_codes', to_jsonb(p.district_codes),
                                        'outlined', p.outline is not null, 'figures', p.figures,
                                        'sources', to_jsonb(p.sources), 'mirror_note', atlas.mirror_note(p.notes))
              from atlas.places as p where p_area ->> 'type' = 'place' and p.id = p_area ->> 'id'),
    'district', (select jsonb_build_object('code', d.code, 'slug', d.slug, 'name_zh', d.name_zh, 'name_en', d.name_en)
                 from atlas.districts as d where p_area ->> 'type' = 'district' and d.code = p_area ->> 'code'),
    'as_of', (select max(updated_at) from inside),
    'total', (select count(*) from inside),
    'located', (select count(*) from inside where lon is not null),
    'by_kind', coalesce((select jsonb_object_agg(k, n) from (select kind as k, count(*) as n from inside group by 1) as t), '{}'),
    'by_sector', coalesce((select jsonb_object_agg(s, n) from (
                   select s, count(*) as n from inside, unnest(counted_sectors) as s group by 1) as t), '{}'),
    'by_kind_sector', coalesce((select jsonb_object_agg(k, per) from (
                        select k, jsonb_object_agg(s, n) as per from (
                          select kind as k, s, count(*) as n from inside, unnest(counted_sectors) as s group by 1, 2) as u
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
  'by_sector, by_kind_sector {kind: {sector: n}}, listings: the first p_limit (0–500) by name, with lon/lat}; '
  'a place comes with mirror_note, its notes'' sentence naming whose articles its mirrored sources copy. '
  'p_area: {"type":"Polygon","coordinates":…} (drawn; refused with 22023 if a ring crosses itself), '
  '{"type":"circle","center":[lon,lat],"radius_m":r}, {"type":"place","id":…} (inside its outline or tied to it) '
  'or {"type":"district","code":…} (listings the district owns).';

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
  place_sectors as (select area_id, sec, count(*) as n from in_place, unnest(atlas.filter_sectors(s)) as sec group by 1, 2),
  district_kinds as materialized (
    select l.district_code as code, l.kind, count(*) as n, count(l.lon) as located, max(l.updated_at) as updated
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l group by 1, 2
  ),
  district_sectors as materialized (
    select l.district_code as code, sec, count(*) as n
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l,
         unnest(atlas.filter_sectors(l.sectors::text[])) as sec
    where l.district_code is not null group by 1, 2
  )
  select jsonb_build_object(
    'as_of', (select max(updated) from district_kinds),
    'total', (select coalesce(sum(n), 0) from district_kinds),
    'places', coalesce((select jsonb_agg(jsonb_build_object(
        'id', a.id, 'kind', a.kind, 'name_zh', a.name_zh, 'name_en', a.name_en,
        'sectors', to_jsonb(a.sectors::text[]), 'district_codes', to_jsonb(a.district_codes),
        'outlined', a.outline is not null, 'precision', a.precision, 'figures', a.figures,
        'sources', to_jsonb(a.sources), 'mirror_note', atlas.mirror_note(a.notes),
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
  'mirror_note (whose articles its mirrored sources copy), '
  'counts {total, located, by_kind, by_sector}}], districts: [{code, slug, name_zh, name_en, counts}]} for the '
  'explorer''s filters. A place counts the listings inside its outline or tied to it; a district those it owns.';
