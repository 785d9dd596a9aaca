-- Provenance the data files carry (issue #3 "Real, sourced data") that the first schema had no column for:
--   * sectors: the city-wide published figures of each sector (the reference's citywide_sector_profile entries,
--     which are not places: they have no location) with their sources;
--   * places, listings: source_notes, the sources the reference cites only as a description (no linkable URL), so
--     `sources` / `source_urls` hold links only;
--   * listings: figures ({metric, value, unit, year, source}), as places already have.
-- verified_at stays null where the reference records no verification date: null means "verification date not
-- recorded" (data/README.md), never "unverified" and never a guessed date.
--
-- Applies unchanged to PGlite and PostgreSQL 15+; re-running it is harmless.

alter table atlas.sectors add column if not exists figures jsonb not null default '[]'
  check (jsonb_typeof(figures) = 'array');
alter table atlas.sectors add column if not exists sources text[] not null default '{}';
alter table atlas.sectors add column if not exists source_notes text[] not null default '{}';
alter table atlas.sectors add column if not exists verified_at date;
alter table atlas.sectors add column if not exists notes text;

alter table atlas.places add column if not exists source_notes text[] not null default '{}';

alter table atlas.listings add column if not exists figures jsonb not null default '[]'
  check (jsonb_typeof(figures) = 'array');
alter table atlas.listings add column if not exists source_notes text[] not null default '{}';

-- ---------------------------------------------------------------------------------------------------------------
-- list_places gains source_notes. Its return type changes, so it is dropped and created again (get_place reads it
-- by name at call time and picks the new column up through to_jsonb).
-- ---------------------------------------------------------------------------------------------------------------

drop function if exists public.list_places(text);
create function public.list_places(p_kind text default null)
returns table (id text, kind text, name_zh text, name_en text, description_zh text, description_en text,
               district_codes text[], sectors text[], outline jsonb, bbox double precision[],
               centroid double precision[], lon double precision, lat double precision, "precision" text,
               radius_m integer, location_method text, outline_method text, confidence text, figures jsonb,
               key_places text[], subdistricts text[], plan_clause text, sources text[], verified_at date, notes text,
               source_notes text[])
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
         p.key_places, p.subdistricts, p.plan_clause, p.sources, p.verified_at, p.notes, p.source_notes
  from atlas.places as p
  where p_kind is null or p.kind = p_kind
  order by p.kind, p.id;
end
$$;
comment on function public.list_places(text) is
  'The plan''s places (consumption districts, industry towns), optionally of one kind: names, descriptions, '
  'districts, sectors, GeoJSON outline, bbox [w,s,e,n], centroid [lon,lat], point precision (+ radius_m, '
  'location_method), figures [{metric,value,unit,year,source}], sources (links), source_notes (sources cited '
  'without a link), verified_at (null = verification date not recorded).';

-- ---------------------------------------------------------------------------------------------------------------
-- get_listing gains figures and source_notes (same return type: jsonb).
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.get_listing(p_id text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'id', l.id, 'slug', l.slug, 'kind', l.kind, 'status', l.status,
    'name_zh', l.name_zh, 'name_en', l.name_en, 'summary_zh', l.summary_zh, 'summary_en', l.summary_en,
    'address_zh', l.address_zh, 'address_en', l.address_en, 'sectors', to_jsonb(l.sectors::text[]),
    'lon', l.lon, 'lat', l.lat, 'precision', l.precision, 'radius_m', l.radius_m,
    'location_method', l.location_method, 'website', l.website, 'platform_type', l.platform_type,
    'event_start', l.event_start, 'event_end', l.event_end, 'dates_note', l.dates_note,
    'venue_zh', l.venue_zh, 'venue_en', l.venue_en, 'figures', l.figures,
    'source_urls', to_jsonb(l.source_urls), 'source_notes', to_jsonb(l.source_notes),
    'verified_at', l.verified_at, 'notes', l.notes, 'version', l.version,
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
  'sources (source_urls: links; source_notes: sources cited without a link), figures [{metric,value,unit,year,source}], '
  'precision (+ radius_m, location_method), dates_note, notes, verified_at (null = verification date not recorded), '
  'status and version; null when not found or not visible to the caller (drafts are visible to members of the '
  'listing''s district only).';

-- ---------------------------------------------------------------------------------------------------------------
-- get_sector: one sector with its city-wide figures.
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.get_sector(p_code text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'code', s.code, 'name_zh', s.name_zh, 'name_en', s.name_en, 'colour', s.colour,
    'figures', s.figures, 'sources', to_jsonb(s.sources), 'source_notes', to_jsonb(s.source_notes),
    'verified_at', s.verified_at, 'notes', s.notes)
  from atlas.sectors as s
  where s.code = p_code
$$;
comment on function public.get_sector(text) is
  'One sector by code with its city-wide published figures [{metric,value,unit,year,source}] (year null = not '
  'published), sources (links), source_notes, verified_at (null = verification date not recorded) and notes; '
  'null for an unknown code.';

revoke execute on function public.list_places(text), public.get_sector(text) from public, anon, authenticated;
grant execute on function public.list_places(text), public.get_listing(text), public.get_sector(text)
  to anon, authenticated, service_role;
