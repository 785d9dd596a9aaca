-- The HTTP API: functions in `public`, the only schema PostgREST exposes, called by supabase-js `.rpc()`.
-- Every function is `security invoker`: it runs as the caller's role (anon / authenticated / service_role), so the
-- grants and RLS policies on atlas.* decide what it may read and write. Each one sets search_path = '' and
-- qualifies every name, so a caller cannot redirect it to objects of their own. Execute is revoked from public
-- (PostgreSQL grants it by default; Supabase adds grants to anon and authenticated) and granted back per function.

-- ---------------------------------------------------------------------------------------------------------------
-- Internal helpers (private schema, not callable over HTTP)
-- ---------------------------------------------------------------------------------------------------------------

-- A LIKE pattern literal: escapes the wildcards so a search for '100%' matches the text '100%'.
create or replace function atlas.like_escape(p_text text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select replace(replace(replace(p_text, '\', '\\'), '%', '\%'), '_', '\_')
$$;

-- '%term%' patterns for the whitespace-separated, lower-cased terms of a query; null when it has none.
create or replace function atlas.search_patterns(p_q text) returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select nullif(array(select '%' || atlas.like_escape(t) || '%'
                      from regexp_split_to_table(lower(trim(coalesce(p_q, ''))), '\s+') as t
                      where t <> ''), '{}')
$$;

-- Rank of a match: exact name (zh, en, pinyin or initials) 1, name prefix 0.8, substring 0.5–0.7 by trigram
-- similarity, fuzzy only below 0.5. So 'sb' ranks 水贝… above a listing that merely contains "sb" in its address.
create or replace function atlas.search_score(p_q text, p_name_zh text, p_name_en text, p_name_pinyin text,
                                              p_search_text text) returns real
language sql stable parallel safe set search_path = '' as $$
  select (case
    when lower(p_name_zh) = p_q or lower(p_name_en) = p_q or p_q = any(string_to_array(p_name_pinyin, ' ')) then 1.0
    when starts_with(lower(p_name_zh), p_q) or starts_with(lower(p_name_en), p_q)
      or exists (select 1 from unnest(string_to_array(p_name_pinyin, ' ')) as w where starts_with(w, p_q)) then 0.8
    when strpos(p_search_text, p_q) > 0 then 0.5 + 0.2 * extensions.similarity(p_q, p_search_text)
    else 0.5 * extensions.word_similarity(p_q, p_search_text)
  end)::real
$$;

-- Raises 22023 unless every non-null element of p_values is one of p_allowed; names the parameter and the valid
-- values. (Nulls are "not given": callers check required values themselves.)
create or replace function atlas.check_codes(p_param text, p_values text[], p_allowed text[]) returns void
language plpgsql immutable set search_path = '' as $$
begin
  if not (array_remove(p_values, null) <@ p_allowed) then
    raise exception using errcode = '22023', message = format('invalid value in %s', p_param),
      detail = format('Got %s.', array_to_string(p_values, ', ', 'null')),
      hint = format('Use any of: %s.', array_to_string(p_allowed, ', '));
  end if;
end
$$;

-- A string member of a JSON object (null when absent or JSON null); 22023 when it has another type.
create or replace function atlas.json_text(p_object jsonb, p_key text) returns text
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_object -> p_key) not in ('string', 'null') then
    raise exception using errcode = '22023', message = format('%s must be a string', p_key),
      detail = format('Got %s.', p_object -> p_key);
  end if;
  return nullif(trim(p_object ->> p_key), '');
end
$$;

-- A number member of a JSON object (null when absent or JSON null); 22023 otherwise.
create or replace function atlas.json_number(p_object jsonb, p_key text) returns double precision
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_object -> p_key) not in ('number', 'null') then
    raise exception using errcode = '22023', message = format('%s must be a number', p_key),
      detail = format('Got %s.', p_object -> p_key);
  end if;
  return (p_object ->> p_key)::double precision;
end
$$;

-- An array-of-strings member of a JSON object ('{}' when absent or JSON null); 22023 otherwise.
create or replace function atlas.json_text_array(p_object jsonb, p_key text) returns text[]
language plpgsql immutable set search_path = '' as $$
begin
  if jsonb_typeof(p_object -> p_key) = 'array'
     and not exists (select 1 from jsonb_array_elements(p_object -> p_key) as e where jsonb_typeof(e) <> 'string') then
    return array(select jsonb_array_elements_text(p_object -> p_key));
  elsif jsonb_typeof(p_object -> p_key) in ('null') or p_object -> p_key is null then
    return '{}';
  end if;
  raise exception using errcode = '22023', message = format('%s must be an array of strings', p_key),
    detail = format('Got %s.', p_object -> p_key);
end
$$;

-- An ISO date member of a JSON object (null when absent or JSON null); 22023 when it is not YYYY-MM-DD.
create or replace function atlas.json_date(p_object jsonb, p_key text) returns date
language plpgsql immutable set search_path = '' as $$
declare
  v_text text := atlas.json_text(p_object, p_key);
begin
  if v_text is null then
    return null;
  end if;
  if v_text !~ '^\d{4}-\d{2}-\d{2}$' then
    raise exception using errcode = '22023', message = format('%s must be a date (YYYY-MM-DD)', p_key),
      detail = format('Got %s.', v_text);
  end if;
  return v_text::date;
exception
  when datetime_field_overflow or invalid_datetime_format then
    raise exception using errcode = '22023', message = format('%s is not a valid date', p_key),
      detail = format('Got %s.', v_text);
end
$$;

-- A URL-safe slug from free text: 'Shuibei IBC (水贝)' → 'shuibei-ibc'.
create or replace function atlas.slugify(p_text text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select trim(both '-' from regexp_replace(lower(coalesce(p_text, '')), '[^a-z0-9]+', '-', 'g'))
$$;

-- The small properties a map feature or a list row needs.
create or replace function atlas.listing_summary(p_listing atlas.listings) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_listing.id, 'slug', p_listing.slug, 'kind', p_listing.kind,
    'sectors', to_jsonb(p_listing.sectors::text[]),
    'name_zh', p_listing.name_zh, 'name_en', p_listing.name_en,
    'precision', p_listing.precision, 'place_id', p_listing.place_id,
    'event_start', p_listing.event_start, 'event_end', p_listing.event_end)
$$;

revoke all on function atlas.like_escape(text), atlas.search_patterns(text),
  atlas.search_score(text, text, text, text, text), atlas.check_codes(text, text[], text[]),
  atlas.json_text(jsonb, text), atlas.json_number(jsonb, text), atlas.json_text_array(jsonb, text),
  atlas.json_date(jsonb, text), atlas.slugify(text), atlas.listing_summary(atlas.listings) from public;
grant execute on function atlas.like_escape(text), atlas.search_patterns(text),
  atlas.search_score(text, text, text, text, text), atlas.check_codes(text, text[], text[]),
  atlas.json_text(jsonb, text), atlas.json_number(jsonb, text), atlas.json_text_array(jsonb, text),
  atlas.json_date(jsonb, text), atlas.slugify(text), atlas.listing_summary(atlas.listings)
  to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- Reference data
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.list_sectors()
returns table (code text, name_zh text, name_en text, colour text)
language sql stable security invoker set search_path = '' as $$
  select s.code, s.name_zh, s.name_en, s.colour from atlas.sectors as s order by s.sort_order
$$;
comment on function public.list_sectors() is
  'The nine fashion sectors: code, zh/en name and map colour (#rrggbb), in display order.';

create or replace function public.list_districts()
returns table (code text, slug text, name_zh text, name_en text, lon double precision, lat double precision,
               has_outline boolean)
language sql stable security invoker set search_path = '' as $$
  select d.code, d.slug, d.name_zh, d.name_en, d.lon, d.lat, d.outline is not null
  from atlas.districts as d order by d.code
$$;
comment on function public.list_districts() is
  'Shenzhen''s districts: GB/T 2260 code, slug, zh/en name, centroid (WGS84) and whether an outline exists.';

create or replace function public.list_places(p_kind text default null)
returns table (id text, kind text, name_zh text, name_en text, description_zh text, description_en text,
               district_codes text[], sectors text[], outline jsonb, bbox double precision[],
               centroid double precision[], lon double precision, lat double precision, "precision" text,
               radius_m integer, location_method text, outline_method text, confidence text, figures jsonb,
               key_places text[], subdistricts text[], plan_clause text, sources text[], verified_at date, notes text)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  perform atlas.check_codes('p_kind', array[p_kind], array['consumption_district', 'industry_town']);
  return query
  select p.id, p.kind, p.name_zh, p.name_en, p.description_zh, p.description_en, p.district_codes,
         p.sectors::text[], p.outline,
         -- box keeps (upper right, lower left); the API speaks [west, south, east, north]
         array[(p.bbox[1])[0], (p.bbox[1])[1], (p.bbox[0])[0], (p.bbox[0])[1]],
         array[p.centroid[0], p.centroid[1]],
         p.lon, p.lat, p.precision, p.radius_m, p.location_method, p.outline_method, p.confidence, p.figures,
         p.key_places,
         p.subdistricts, p.plan_clause, p.sources, p.verified_at, p.notes
  from atlas.places as p
  where p_kind is null or p.kind = p_kind
  order by p.kind, p.id;
end
$$;
comment on function public.list_places(text) is
  'The plan''s places (consumption districts, industry towns), optionally of one kind: names, descriptions, '
  'districts, sectors, GeoJSON outline, bbox [w,s,e,n], centroid [lon,lat], point precision, figures, sources.';

-- ---------------------------------------------------------------------------------------------------------------
-- Map and detail reads
-- ---------------------------------------------------------------------------------------------------------------

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
  v_patterns text[] := atlas.search_patterns(p_q);
  v_sectors text[] := nullif(p_sectors, '{}');
  v_kinds text[] := nullif(p_kinds, '{}');
  v_result jsonb;
begin
  perform atlas.check_codes('p_sectors', v_sectors, array['apparel', 'furniture', 'watches', 'jewellery', 'lingerie',
                                                          'leather', 'eyewear', 'cosmetics', 'arts_crafts']);
  perform atlas.check_codes('p_kinds', v_kinds, array['enterprise', 'platform', 'event']);
  if p_bbox is not null then
    if cardinality(p_bbox) <> 4 or array_position(p_bbox, null) is not null
       or p_bbox[1] > p_bbox[3] or p_bbox[2] > p_bbox[4] then
      raise exception using errcode = '22023', message = 'p_bbox must be [west, south, east, north]',
        detail = format('Got %s.', p_bbox), hint = 'Longitudes and latitudes in WGS84 degrees, west <= east.';
    end if;
    v_box := box(point(p_bbox[1], p_bbox[2]), point(p_bbox[3], p_bbox[4]));
  end if;
  if p_event_from > p_event_to then
    raise exception using errcode = '22023', message = 'p_event_from is after p_event_to',
      detail = format('Got %s to %s.', p_event_from, p_event_to);
  end if;

  with matched as (
    select l
    from atlas.listings as l
    where l.status = 'published'
      and (v_sectors is null or l.sectors && v_sectors)
      and (v_kinds is null or l.kind = any (v_kinds))
      and (v_patterns is null or l.search_text like all (v_patterns))
      -- The date window narrows events only (to those with a known date overlapping it); firms and platforms
      -- are not dated. Combine with p_kinds => {event} for "events only".
      and (l.kind <> 'event' or (p_event_from is null and p_event_to is null)
           or (l.event_start is not null
               and (p_event_to is null or l.event_start <= p_event_to)
               and (p_event_from is null or coalesce(l.event_end, l.event_start) >= p_event_from)))
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
comment on function public.map_listings(text[], text[], text, double precision[], date, date) is
  'Published listings as one GeoJSON FeatureCollection (Point features, WGS84; properties id, slug, kind, sectors, '
  'name_zh, name_en, precision, place_id, event_start, event_end) plus "unlocated": how many matches have no '
  'location. Filters (null or empty = any): sectors (overlap), kinds, q (every term a substring of zh/en name, '
  'pinyin, initials or address), bbox [w,s,e,n], event date window (applies to events only).';

create or replace function public.get_place(p_slug text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with place as (
    select lp from public.list_places() as lp where lp.id = p_slug
  ), listed as (
    select l from atlas.listings as l
    where l.place_id = p_slug and l.status = 'published'
  )
  select to_jsonb((select lp from place)) || jsonb_build_object(
    'districts', coalesce((
      select jsonb_agg(jsonb_build_object('code', d.code, 'slug', d.slug, 'name_zh', d.name_zh, 'name_en', d.name_en)
                       order by d.code)
      from place, atlas.districts as d where d.code = any ((place.lp).district_codes)), '[]'::jsonb),
    'listings', coalesce((
      select jsonb_agg(atlas.listing_summary(listed.l) || jsonb_build_object('lon', (listed.l).lon, 'lat', (listed.l).lat)
                       order by (listed.l).kind, (listed.l).slug)
      from listed), '[]'::jsonb),
    'counts', jsonb_build_object(
      'total', (select count(*) from listed),
      'by_kind', coalesce((select jsonb_object_agg(k, n) from (
                   select (listed.l).kind as k, count(*) as n from listed group by 1) as t), '{}'::jsonb),
      'by_sector', coalesce((select jsonb_object_agg(s, n) from (
                     select s, count(*) as n from listed, unnest((listed.l).sectors::text[]) as s group by 1) as t),
                   '{}'::jsonb)))
  where exists (select 1 from place)
$$;
comment on function public.get_place(text) is
  'One place by slug: the list_places fields plus districts [{code,slug,name_zh,name_en}], its published '
  'listings [{id,slug,kind,sectors,name_zh,name_en,precision,place_id,event_start,event_end,lon,lat}] and '
  'counts {total, by_kind, by_sector}; null when there is no such place.';

create or replace function public.get_listing(p_id text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'id', l.id, 'slug', l.slug, 'kind', l.kind, 'status', l.status,
    'name_zh', l.name_zh, 'name_en', l.name_en, 'summary_zh', l.summary_zh, 'summary_en', l.summary_en,
    'address_zh', l.address_zh, 'address_en', l.address_en, 'sectors', to_jsonb(l.sectors::text[]),
    'lon', l.lon, 'lat', l.lat, 'precision', l.precision, 'radius_m', l.radius_m,
    'location_method', l.location_method, 'website', l.website, 'platform_type', l.platform_type,
    'event_start', l.event_start, 'event_end', l.event_end, 'dates_note', l.dates_note,
    'venue_zh', l.venue_zh, 'venue_en', l.venue_en,
    'source_urls', to_jsonb(l.source_urls), 'verified_at', l.verified_at, 'notes', l.notes, 'version', l.version,
    'updated_at', l.updated_at,
    'place', case when p.id is not null then
      jsonb_build_object('id', p.id, 'kind', p.kind, 'name_zh', p.name_zh, 'name_en', p.name_en) end,
    'district', case when d.code is not null then
      jsonb_build_object('code', d.code, 'slug', d.slug, 'name_zh', d.name_zh, 'name_en', d.name_en) end)
  from atlas.listings as l
  left join atlas.places as p on p.id = l.place_id
  left join atlas.districts as d on d.code = l.district_code
  where case when p_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
             then l.id = p_id::uuid else l.slug = p_id end
$$;
comment on function public.get_listing(text) is
  'One listing by slug or uuid with its place {id,kind,name_zh,name_en} and district {code,slug,name_zh,name_en}, '
  'sources, precision (+ radius_m, location_method), dates_note, notes, verified_at, status and version; null when not found or not visible to the caller '
  '(drafts are visible to members of the listing''s district only).';

create or replace function public.search(p_q text, p_limit integer default 20)
returns table (type text, id text, slug text, name_zh text, name_en text, kind text, score real)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
declare
  v_q text := lower(trim(coalesce(p_q, '')));
  v_patterns text[] := atlas.search_patterns(p_q);
begin
  if v_patterns is null then
    return;
  end if;
  return query
  with candidates as (
    select 'place'::text as type, p.id as id, p.id as slug, p.name_zh, p.name_en, p.kind, p.name_pinyin,
           p.search_text
    from atlas.places as p
    union all
    select 'listing', l.id::text, l.slug, l.name_zh, l.name_en, l.kind, l.name_pinyin, l.search_text
    from atlas.listings as l
    where l.status = 'published'
  )
  select c.type, c.id, c.slug, c.name_zh, c.name_en, c.kind,
         atlas.search_score(v_q, c.name_zh, c.name_en, c.name_pinyin, c.search_text) as score
  from candidates as c
  where c.search_text like all (v_patterns) or v_q operator(extensions.<%) c.search_text
  order by score desc, c.type desc, c.slug
  limit least(greatest(coalesce(p_limit, 20), 1), 100);
end
$$;
comment on function public.search(text, integer) is
  'Places and published listings matching a query in zh (substring), en, full pinyin or pinyin initials '
  '(shuibei, sb → 水贝) or address; ranked exact > prefix > substring > fuzzy (score 0–1); at most p_limit (1–100).';

-- ---------------------------------------------------------------------------------------------------------------
-- Signed-in users
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.my_memberships()
returns table (district_code text, role text, district_name_zh text, district_name_en text, created_at timestamptz)
language plpgsql stable security invoker set search_path = '' as $$
#variable_conflict use_column
begin
  -- Anonymous callers have no memberships; answering here spares anon any grant on the table.
  if (select auth.uid()) is null then
    return;
  end if;
  return query
  select m.district_code, m.role, d.name_zh, d.name_en, m.created_at
  from atlas.memberships as m
  left join atlas.districts as d on d.code = m.district_code
  where m.user_id = (select auth.uid())
  order by m.district_code nulls first;
end
$$;
comment on function public.my_memberships() is
  'The caller''s memberships (district_code null = city-wide, role city_admin|district_admin|district_editor); '
  'empty when not signed in.';

create or replace function public.create_listing_draft(p_listing jsonb) returns uuid
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_allowed constant text[] := array['slug', 'kind', 'name_zh', 'name_en', 'summary_zh', 'summary_en', 'address_zh',
    'address_en', 'sectors', 'place_id', 'district_code', 'lon', 'lat', 'precision', 'website', 'platform_type',
    'event_start', 'event_end', 'venue_zh', 'venue_en', 'source_urls', 'verified_at'];
  v_unknown text[];
  v_id uuid := gen_random_uuid();
  v_kind text;
  v_slug text;
  v_name_zh text;
  v_name_en text;
  v_district text;
  v_place text;
  v_lon double precision;
  v_lat double precision;
  v_precision text;
  v_start date;
  v_end date;
  v_sources text[];
begin
  if jsonb_typeof(p_listing) is distinct from 'object' then
    raise exception using errcode = '22023', message = 'p_listing must be a JSON object';
  end if;
  v_unknown := array(select k from jsonb_object_keys(p_listing) as k where k <> all (v_allowed) order by k);
  if cardinality(v_unknown) > 0 then
    raise exception using errcode = '22023', message = 'unknown listing fields',
      detail = format('Not accepted: %s.', array_to_string(v_unknown, ', ')),
      hint = format('Accepted fields: %s.', array_to_string(v_allowed, ', '));
  end if;

  v_kind := atlas.json_text(p_listing, 'kind');
  perform atlas.check_codes('kind', array[v_kind], array['enterprise', 'platform', 'event']);
  if v_kind is null then
    raise exception using errcode = '22023', message = 'kind is required', hint = 'enterprise, platform or event.';
  end if;
  v_name_zh := atlas.json_text(p_listing, 'name_zh');
  v_name_en := atlas.json_text(p_listing, 'name_en');
  if v_name_zh is null and v_name_en is null then
    raise exception using errcode = '22023', message = 'a name is required', hint = 'Give name_zh, name_en or both.';
  end if;
  perform atlas.check_codes('sectors', atlas.json_text_array(p_listing, 'sectors'),
    array['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts']);
  v_sources := atlas.json_text_array(p_listing, 'source_urls');
  if cardinality(v_sources) = 0 or exists (select 1 from unnest(v_sources) as u where u !~ '^https?://') then
    raise exception using errcode = '22023', message = 'source_urls needs at least one http(s) URL',
      hint = 'Every fact on the map carries its source.';
  end if;

  v_lon := atlas.json_number(p_listing, 'lon');
  v_lat := atlas.json_number(p_listing, 'lat');
  v_precision := atlas.json_text(p_listing, 'precision');
  if (v_lon is null) <> (v_lat is null) then
    raise exception using errcode = '22023', message = 'lon and lat go together', hint = 'Give both or neither.';
  end if;
  if v_lon is not null and not atlas.in_shenzhen(v_lon, v_lat) then
    raise exception using errcode = '22023', message = 'location is outside Shenzhen',
      detail = format('Got lon %s, lat %s.', v_lon, v_lat),
      hint = 'Coordinates are WGS84 degrees; convert GCJ-02 (Amap, Tencent) or BD-09 (Baidu) first.';
  end if;
  perform atlas.check_codes('precision', array[v_precision], array['address', 'street', 'subdistrict', 'estimate']);
  if v_lon is not null and v_precision is null then
    raise exception using errcode = '22023', message = 'precision is required with a location',
      hint = 'address, street, subdistrict or estimate.';
  end if;

  v_start := atlas.json_date(p_listing, 'event_start');
  v_end := atlas.json_date(p_listing, 'event_end');
  if v_end < v_start then
    raise exception using errcode = '22023', message = 'event_end is before event_start';
  end if;
  if v_kind <> 'event' and (v_start is not null or v_end is not null or p_listing ? 'venue_zh' or p_listing ? 'venue_en') then
    raise exception using errcode = '22023', message = 'event dates and venue are for events only';
  end if;
  if v_kind <> 'platform' and atlas.json_text(p_listing, 'platform_type') is not null then
    raise exception using errcode = '22023', message = 'platform_type is for platforms only';
  end if;

  v_district := atlas.json_text(p_listing, 'district_code');
  if v_district is not null and not exists (select 1 from atlas.districts as d where d.code = v_district) then
    raise exception using errcode = '22023', message = 'unknown district_code',
      detail = format('Got %s.', v_district), hint = 'Use a GB/T 2260 code from list_districts().';
  end if;
  v_place := atlas.json_text(p_listing, 'place_id');
  if v_place is not null and not exists (select 1 from atlas.places as p where p.id = v_place) then
    raise exception using errcode = '22023', message = 'unknown place_id',
      detail = format('Got %s.', v_place), hint = 'Use a place id from list_places().';
  end if;
  -- A clear message for the common refusal; the insert's RLS policy below is what actually enforces it.
  if atlas.my_district_role(v_district) is null then
    raise exception using errcode = '42501', message = 'not a member of this district',
      detail = format('You cannot add listings to district %s.', coalesce(v_district, '(city-wide)')),
      hint = 'Ask a city administrator for a membership.';
  end if;

  v_slug := coalesce(atlas.json_text(p_listing, 'slug'),
    left(coalesce(nullif(atlas.slugify(v_name_en), ''), nullif(atlas.slugify(split_part(atlas.to_pinyin(v_name_zh), ' ', 1)), ''),
                  'listing'), 100) || '-' || left(replace(v_id::text, '-', ''), 8));

  insert into atlas.listings (id, slug, kind, status, name_zh, name_en, summary_zh, summary_en, address_zh, address_en,
    sectors, place_id, district_code, lon, lat, precision, website, platform_type, event_start, event_end,
    venue_zh, venue_en, source_urls, verified_at)
  values (v_id, v_slug, v_kind, 'draft', v_name_zh, v_name_en,
    atlas.json_text(p_listing, 'summary_zh'), atlas.json_text(p_listing, 'summary_en'),
    atlas.json_text(p_listing, 'address_zh'), atlas.json_text(p_listing, 'address_en'),
    atlas.json_text_array(p_listing, 'sectors'), v_place, v_district, v_lon, v_lat, v_precision,
    atlas.json_text(p_listing, 'website'), atlas.json_text(p_listing, 'platform_type'), v_start, v_end,
    atlas.json_text(p_listing, 'venue_zh'), atlas.json_text(p_listing, 'venue_en'), v_sources,
    atlas.json_date(p_listing, 'verified_at'));
  return v_id;
end
$$;
comment on function public.create_listing_draft(jsonb) is
  'Adds a draft listing in a district the caller is a member of and returns its id (uuid). Fields: kind, '
  'name_zh/name_en, summary_*, address_*, sectors, place_id, district_code, lon/lat (WGS84) + precision, website, '
  'platform_type, event_start/event_end (YYYY-MM-DD), venue_*, source_urls (required), verified_at, slug '
  '(optional). Bad input: 22023 with message/detail/hint; not a member or not signed in: 42501.';

-- ---------------------------------------------------------------------------------------------------------------
-- Who may call what. Reads are public; writes need a session (anon gets 42501 before any SQL runs).
-- ---------------------------------------------------------------------------------------------------------------

revoke execute on function public.list_sectors(), public.list_districts(), public.list_places(text),
  public.map_listings(text[], text[], text, double precision[], date, date), public.get_place(text),
  public.get_listing(text), public.search(text, integer), public.my_memberships(),
  public.create_listing_draft(jsonb) from public, anon, authenticated;

grant execute on function public.list_sectors(), public.list_districts(), public.list_places(text),
  public.map_listings(text[], text[], text, double precision[], date, date), public.get_place(text),
  public.get_listing(text), public.search(text, integer), public.my_memberships()
  to anon, authenticated, service_role;

-- Only signed-in users; the service role writes atlas.listings directly (it bypasses RLS).
grant execute on function public.create_listing_draft(jsonb) to authenticated;
