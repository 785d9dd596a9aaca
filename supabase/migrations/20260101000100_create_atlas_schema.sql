-- The map's data: sectors, districts, the plan's places, listings (firms, platforms, events), who may edit them,
-- and the history of every listing change. Tables live in the private schema `atlas`, which PostgREST does not
-- expose; the HTTP API is the set of functions in `public` (next migrations). Those functions are
-- `security invoker`, so the grants and Row Level Security policies below are what authorises every read and write.
--
-- Applies unchanged to PGlite (no PostGIS), PostgreSQL 15+ and a Supabase project: geometry is GeoJSON in jsonb plus
-- native point/box columns with GiST indexes; pg_trgm is referenced in schema `extensions`, where Supabase and our
-- stand-ins migration install it. Re-running it is harmless (if not exists / or replace / drop … if exists).

create schema if not exists atlas;
-- Nobody but the owner sees the schema by default; the API roles get usage because invoker functions read the
-- tables as the caller (RLS then filters rows). PostgREST never exposes it, so usage alone opens no HTTP route.
revoke all on schema atlas from public;
grant usage on schema atlas to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- Shared checks
-- ---------------------------------------------------------------------------------------------------------------

-- The nine sectors of the plan, as a domain so every sectors column checks membership the same way (a text[]
-- cannot carry a foreign key). An empty list means "several / not one sector" (the reference's `multi`).
do $$
begin
  if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                 where n.nspname = 'atlas' and t.typname = 'sector_list') then
    create domain atlas.sector_list as text[]
      check (value <@ array['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear',
                            'cosmetics', 'arts_crafts']::text[]
             and array_position(value, null) is null);
  end if;
end
$$;

-- Shenzhen's extent with a margin (land 113.75–114.63 E, 22.44–22.86 N; the reference's points and outline
-- vertices span 113.767–114.470 E, 22.506–22.766 N). Catches swapped lon/lat and GCJ-02/BD-09 mix-ups that land
-- far away; it cannot catch the ~600 m GCJ-02 shift, which import paths must convert before writing.
create or replace function atlas.in_shenzhen(p_lon double precision, p_lat double precision) returns boolean
language sql immutable parallel safe set search_path = '' as $$
  select p_lon between 113.75 and 114.65 and p_lat between 22.39 and 22.87
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Pinyin: the database derives search keys itself, so a listing written through any path is findable by pinyin.
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.hanzi_pinyin (
  ch text primary key check (char_length(ch) = 1),
  pinyin text not null check (pinyin ~ '^[a-z]+$')
);

-- (full pinyin, initials) of a text: Hanzi become their default reading / its first letter, everything else is
-- kept lower-cased in place, e.g. '水贝 IBC' → ('shuibei ibc', 'sb ibc').
create or replace function atlas.pinyin_parts(p_text text) returns text[]
language sql stable parallel safe set search_path = '' as $$
  select array[
    coalesce(string_agg(coalesce(hp.pinyin, lower(c.ch)), '' order by c.i), ''),
    coalesce(string_agg(coalesce(left(hp.pinyin, 1), lower(c.ch)), '' order by c.i), '')
  ]
  from string_to_table(coalesce(p_text, ''), null) with ordinality as c (ch, i)
  left join atlas.hanzi_pinyin hp on hp.ch = c.ch
$$;

-- '<full> <initials>' of a text, e.g. 水贝 → 'shuibei sb'; null for null.
create or replace function atlas.to_pinyin(p_text text) returns text
language sql stable parallel safe set search_path = '' as $$
  select case when p_text is null then null
              else (select p[1] || ' ' || p[2] from atlas.pinyin_parts(p_text) as p) end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Reference tables (edited through data/ and the seed, read by everyone)
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.sectors (
  code text primary key check (array[code] <@ array['apparel', 'furniture', 'watches', 'jewellery', 'lingerie',
                                                  'leather', 'eyewear', 'cosmetics', 'arts_crafts']::text[]),
  name_zh text not null check (char_length(name_zh) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 50),
  colour text not null check (colour ~ '^#[0-9a-f]{6}$'),
  sort_order smallint not null unique
);

create table if not exists atlas.districts (
  code text primary key check (code ~ '^[0-9]{6}$'), -- GB/T 2260
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name_zh text not null check (char_length(name_zh) between 1 and 50),
  name_en text not null check (char_length(name_en) between 1 and 100),
  -- No openly licensed outline is shipped yet (see the reference README); the map treats outlines as optional.
  outline jsonb check (outline is null or outline ->> 'type' in ('Polygon', 'MultiPolygon')),
  lon double precision,
  lat double precision,
  precision text check (precision in ('address', 'street', 'subdistrict', 'estimate')),
  sources text[] not null check (cardinality(sources) >= 1),
  notes text,
  check ((lon is null) = (lat is null)),
  check (lon is null or atlas.in_shenzhen(lon, lat))
);

create table if not exists atlas.places (
  id text primary key check (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(id) <= 100), -- the slug
  kind text not null check (kind in ('consumption_district', 'industry_town')),
  name_zh text not null check (char_length(name_zh) between 1 and 200),
  name_en text not null check (char_length(name_en) between 1 and 200),
  description_zh text check (char_length(description_zh) <= 2000),
  description_en text check (char_length(description_en) <= 2000),
  district_codes text[] not null default '{}', -- each checked against atlas.districts by trigger
  sectors atlas.sector_list not null default '{}',
  -- GeoJSON Polygon, WGS84, RFC 7946 winding; null when only a point is known.
  outline jsonb check (outline is null or (jsonb_typeof(outline) = 'object' and outline ->> 'type' = 'Polygon')),
  lon double precision,
  lat double precision,
  precision text check (precision in ('address', 'street', 'subdistrict', 'estimate')),
  radius_m integer check (radius_m > 0), -- published uncertainty radius of the point, when one is given
  location_method text,
  outline_method text,
  confidence text, -- the compiler's own rating, e.g. 'low (location), high (figures)'
  bbox box,        -- derived by trigger from the outline, else the point
  centroid point,  -- the place's own point when it has one, else the centre of the outline's bbox
  figures jsonb not null default '[]' check (jsonb_typeof(figures) = 'array'),
  key_places text[] not null default '{}',
  subdistricts text[] not null default '{}',
  plan_clause text,
  sources text[] not null check (cardinality(sources) >= 1),
  verified_at date,
  notes text,
  name_pinyin text,                          -- derived by trigger
  search_text text not null default '',      -- derived by trigger
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((lon is null) = (lat is null)),
  check (lon is null or atlas.in_shenzhen(lon, lat)),
  check (lon is not null or outline is not null)
);
create index if not exists places_kind_idx on atlas.places (kind);
create index if not exists places_bbox_idx on atlas.places using gist (bbox);
create index if not exists places_centroid_idx on atlas.places using gist (centroid);
create index if not exists places_search_text_idx on atlas.places using gin (search_text extensions.gin_trgm_ops);

-- ---------------------------------------------------------------------------------------------------------------
-- Listings: the editable records district governments maintain
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.listings (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and char_length(slug) <= 120),
  kind text not null check (kind in ('enterprise', 'platform', 'event')),
  name_zh text check (char_length(name_zh) between 1 and 200),
  name_en text check (char_length(name_en) between 1 and 200),
  summary_zh text check (char_length(summary_zh) <= 2000),
  summary_en text check (char_length(summary_en) <= 2000),
  address_zh text check (char_length(address_zh) <= 500),
  address_en text check (char_length(address_en) <= 500),
  sectors atlas.sector_list not null default '{}',
  place_id text references atlas.places (id) on delete set null,
  -- The owning district government: the scope of RLS. Null = city-wide (only city admins edit it).
  district_code text references atlas.districts (code),
  lon double precision,
  lat double precision,
  precision text check (precision in ('address', 'street', 'subdistrict', 'estimate')),
  radius_m integer check (radius_m > 0), -- published uncertainty radius of the point, when one is given
  location_method text check (char_length(location_method) <= 1000), -- how the point was placed
  location point generated always as (case when lon is not null and lat is not null then point(lon, lat) end) stored,
  website text check (website ~ '^https?://' and char_length(website) <= 500),
  platform_type text check (char_length(platform_type) <= 100),
  event_start date,
  event_end date,
  venue_zh text check (char_length(venue_zh) <= 200),
  venue_en text check (char_length(venue_en) <= 200),
  -- Dates as published when exact ones are unknown ("c. Dec 2016 / Jan 2017"); never turned into made-up dates.
  dates_note text check (char_length(dates_note) <= 500),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'published', 'archived')),
  source_urls text[] not null check (cardinality(source_urls) >= 1 and array_position(source_urls, null) is null),
  verified_at date,
  notes text check (char_length(notes) <= 2000), -- provenance remarks (original publisher of a mirrored source…)
  version integer not null default 1 check (version >= 1), -- optimistic locking: bumped by trigger on update
  name_pinyin text,                     -- derived by trigger
  search_text text not null default '', -- derived by trigger
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now(),
  check (name_zh is not null or name_en is not null),
  -- What the public sees is bilingual: publishing needs both names.
  check (status not in ('published') or (name_zh is not null and name_en is not null)),
  check ((lon is null) = (lat is null)),
  check (lon is null or atlas.in_shenzhen(lon, lat)),
  check (lon is null or precision is not null),
  check (event_end >= event_start),
  check (kind = 'event' or (event_start is null and event_end is null and venue_zh is null and venue_en is null
                            and dates_note is null)),
  check (kind = 'platform' or platform_type is null)
);
create index if not exists listings_status_idx on atlas.listings (status);
create index if not exists listings_district_code_idx on atlas.listings (district_code);
create index if not exists listings_place_id_idx on atlas.listings (place_id);
create index if not exists listings_kind_idx on atlas.listings (kind);
create index if not exists listings_sectors_idx on atlas.listings using gin (sectors);
create index if not exists listings_location_idx on atlas.listings using gist (location);
create index if not exists listings_event_dates_idx on atlas.listings (event_start, event_end) where kind = 'event';
create index if not exists listings_search_text_idx on atlas.listings using gin (search_text extensions.gin_trgm_ops);

-- ---------------------------------------------------------------------------------------------------------------
-- Who may edit what, and the history of edits
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.memberships (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  district_code text references atlas.districts (code) on delete cascade, -- null = city-wide
  role text not null check (role in ('city_admin', 'district_admin', 'district_editor')),
  created_at timestamptz not null default now(),
  -- City admins are city-wide and only they are: a district role without a district would be ambiguous.
  check ((role = 'city_admin') = (district_code is null)),
  unique nulls not distinct (user_id, district_code)
);
create index if not exists memberships_district_code_idx on atlas.memberships (district_code);

create table if not exists atlas.revisions (
  id bigint generated always as identity primary key,
  listing_id uuid not null, -- no foreign key: the history must outlive a deleted listing
  version integer not null,
  district_code text,       -- the listing's district at the time, so RLS can scope history reads
  actor uuid,               -- auth.uid() of the writer; null for the seed and service jobs
  action text not null check (action in ('insert', 'update', 'delete')),
  before jsonb,
  after jsonb,
  at timestamptz not null default now()
);
create index if not exists revisions_listing_id_idx on atlas.revisions (listing_id, id);
create index if not exists revisions_district_code_idx on atlas.revisions (district_code);

-- ---------------------------------------------------------------------------------------------------------------
-- Policy helpers. Security definer so that policies can read memberships without granting the API roles access
-- to everyone's memberships; search_path = '' so a caller cannot shadow the tables they read.
-- ---------------------------------------------------------------------------------------------------------------

-- The caller's strongest role for a district (a city admin's role applies everywhere, including to city-wide
-- listings whose district is null); null when the caller is not a member or not signed in.
create or replace function atlas.my_district_role(p_district_code text) returns text
language sql stable security definer set search_path = '' as $$
  select m.role
  from atlas.memberships m
  where m.user_id = (select auth.uid())
    and (m.role = 'city_admin' or m.district_code = p_district_code)
  order by case m.role when 'city_admin' then 1 when 'district_admin' then 2 else 3 end
  limit 1
$$;

-- True when the caller administers the district (district admin there, or city admin).
create or replace function atlas.is_district_admin(p_district_code text) returns boolean
language sql stable security definer set search_path = '' as $$
  select coalesce(atlas.my_district_role(p_district_code) in ('city_admin', 'district_admin'), false)
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Triggers that keep derived columns honest
-- ---------------------------------------------------------------------------------------------------------------

-- Bounding box of a GeoJSON Polygon after checking its rings are closed and long enough; raises 22023 otherwise.
create or replace function atlas.polygon_bbox(p_polygon jsonb) returns box
language plpgsql immutable set search_path = '' as $$
declare
  v_ring jsonb;
  v_box box;
begin
  if jsonb_typeof(p_polygon -> 'coordinates') <> 'array' or jsonb_array_length(p_polygon -> 'coordinates') = 0 then
    raise exception using errcode = '22023', message = 'outline has no rings',
      hint = 'Use a GeoJSON Polygon: {"type":"Polygon","coordinates":[[[lon,lat],…,[lon,lat]]]}.';
  end if;
  for v_ring in select r from jsonb_array_elements(p_polygon -> 'coordinates') as r loop
    if jsonb_array_length(v_ring) < 4 or v_ring -> 0 <> v_ring -> -1 then
      raise exception using errcode = '22023', message = 'outline ring is not closed',
        detail = 'A linear ring needs at least four positions and its first and last positions must be equal.';
    end if;
  end loop;
  select box(point(min(x), min(y)), point(max(x), max(y)))
    into v_box
    from (select (c ->> 0)::double precision as x, (c ->> 1)::double precision as y
          from jsonb_array_elements(p_polygon -> 'coordinates') as r, jsonb_array_elements(r) as c) as xy;
  return v_box;
end
$$;

create or replace function atlas.places_before_write() returns trigger
language plpgsql set search_path = '' as $$
declare
  v_missing text[];
begin
  -- A text[] cannot carry a foreign key, so check district codes here.
  select array_agg(c) into v_missing
    from unnest(new.district_codes) as c
    where not exists (select 1 from atlas.districts d where d.code = c);
  if v_missing is not null then
    raise exception using errcode = '23503', message = 'unknown district code in place ' || new.id,
      detail = 'Not in atlas.districts: ' || array_to_string(v_missing, ', ');
  end if;
  if new.outline is not null then
    new.bbox := atlas.polygon_bbox(new.outline);
    if not (atlas.in_shenzhen((new.bbox[0])[0], (new.bbox[0])[1]) and atlas.in_shenzhen((new.bbox[1])[0], (new.bbox[1])[1])) then
      raise exception using errcode = '23514', message = 'outline of place ' || new.id || ' leaves Shenzhen',
        hint = 'Coordinates are [lon, lat] in WGS84.';
    end if;
  else
    new.bbox := box(point(new.lon, new.lat), point(new.lon, new.lat));
  end if;
  new.centroid := case when new.lon is not null then point(new.lon, new.lat) else center(new.bbox) end;
  new.name_pinyin := atlas.to_pinyin(new.name_zh);
  new.search_text := lower(concat_ws(' ', new.name_zh, new.name_en, new.name_pinyin, new.id));
  new.updated_at := now();
  return new;
end
$$;

drop trigger if exists places_before_write on atlas.places;
create trigger places_before_write before insert or update on atlas.places
  for each row execute function atlas.places_before_write();

-- Derived search keys, authorship and the optimistic-locking version of a listing.
create or replace function atlas.listings_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.created_by := coalesce(new.created_by, (select auth.uid()));
    new.created_at := now();
    new.version := 1;
  else
    -- Authorship is history, not editable data.
    new.created_by := old.created_by;
    new.created_at := old.created_at;
    new.version := old.version + 1;
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  new.name_pinyin := atlas.to_pinyin(new.name_zh);
  new.search_text := lower(concat_ws(' ', new.name_zh, new.name_en, new.name_pinyin,
                                     new.address_zh, new.address_en, new.slug));
  return new;
end
$$;

drop trigger if exists listings_before_write on atlas.listings;
create trigger listings_before_write before insert or update on atlas.listings
  for each row execute function atlas.listings_before_write();

-- One revision per change. Security definer because revisions are append-only: the API roles cannot insert into
-- it themselves, only through this trigger.
create or replace function atlas.listings_record_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into atlas.revisions (listing_id, version, district_code, actor, action, before, after)
  values (
    coalesce(new.id, old.id),
    coalesce(new.version, old.version),
    coalesce(new.district_code, old.district_code),
    (select auth.uid()),
    lower(tg_op),
    case when tg_op <> 'INSERT' then to_jsonb(old) - 'search_text' - 'name_pinyin' end,
    case when tg_op <> 'DELETE' then to_jsonb(new) - 'search_text' - 'name_pinyin' end
  );
  return null;
end
$$;

drop trigger if exists listings_record_revision on atlas.listings;
create trigger listings_record_revision after insert or update or delete on atlas.listings
  for each row execute function atlas.listings_record_revision();

-- History is evidence: refuse to rewrite it, whoever asks.
create or replace function atlas.revisions_append_only() returns trigger
language plpgsql set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = 'revisions are append-only';
end
$$;

drop trigger if exists revisions_append_only on atlas.revisions;
create trigger revisions_append_only before update or delete on atlas.revisions
  for each row execute function atlas.revisions_append_only();

-- ---------------------------------------------------------------------------------------------------------------
-- Grants: revoke everything from the API roles, then grant back the minimum. service_role bypasses RLS (as on
-- Supabase) and is the server's tool for imports and admin jobs.
-- ---------------------------------------------------------------------------------------------------------------

revoke all on all tables in schema atlas from public, anon, authenticated;
revoke all on all functions in schema atlas from public, anon, authenticated;

-- Public reference data: read-only for everyone.
grant select on atlas.sectors, atlas.districts, atlas.places, atlas.hanzi_pinyin to anon, authenticated;
-- Listings: anyone reads (RLS keeps drafts private); signed-in users may write, RLS decides where.
-- No delete: listings are archived, never removed through the API.
grant select on atlas.listings to anon, authenticated;
grant insert, update on atlas.listings to authenticated;
-- Memberships and history: signed-in users read what RLS shows them; changes go through admin tooling.
grant select on atlas.memberships, atlas.revisions to authenticated;

grant select, insert, update, delete on all tables in schema atlas to service_role;
grant usage on all sequences in schema atlas to service_role;

-- Functions the policies, triggers and invoker API functions call as the caller.
grant execute on function atlas.my_district_role(text), atlas.is_district_admin(text),
  atlas.in_shenzhen(double precision, double precision), atlas.pinyin_parts(text), atlas.to_pinyin(text),
  atlas.polygon_bbox(jsonb) to anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- Row Level Security: on for every table. Forced on listings (the table with private rows), so that a
-- non-superuser owner without BYPASSRLS, or a security definer function it owns, meets the same policies.
-- Not forced on memberships: atlas.my_district_role() reads it as the owner, by design.
-- ---------------------------------------------------------------------------------------------------------------

alter table atlas.hanzi_pinyin enable row level security;
alter table atlas.sectors enable row level security;
alter table atlas.districts enable row level security;
alter table atlas.places enable row level security;
alter table atlas.listings enable row level security;
alter table atlas.listings force row level security;
alter table atlas.memberships enable row level security;
alter table atlas.revisions enable row level security;

drop policy if exists "Anyone can read the pinyin table" on atlas.hanzi_pinyin;
create policy "Anyone can read the pinyin table" on atlas.hanzi_pinyin
  for select to anon, authenticated using (true);

drop policy if exists "Anyone can read sectors" on atlas.sectors;
create policy "Anyone can read sectors" on atlas.sectors
  for select to anon, authenticated using (true);

drop policy if exists "Anyone can read districts" on atlas.districts;
create policy "Anyone can read districts" on atlas.districts
  for select to anon, authenticated using (true);

drop policy if exists "Anyone can read places" on atlas.places;
create policy "Anyone can read places" on atlas.places
  for select to anon, authenticated using (true);

drop policy if exists "Anyone can read published listings" on atlas.listings;
create policy "Anyone can read published listings" on atlas.listings
  for select to anon, authenticated using (status = 'published');

drop policy if exists "Members read every listing of their district" on atlas.listings;
create policy "Members read every listing of their district" on atlas.listings
  for select to authenticated using (atlas.my_district_role(district_code) is not null);

drop policy if exists "Members add drafts in their district" on atlas.listings;
create policy "Members add drafts in their district" on atlas.listings
  for insert to authenticated
  with check (status = 'draft' and atlas.my_district_role(district_code) is not null);

drop policy if exists "District admins add listings in any status in their district" on atlas.listings;
create policy "District admins add listings in any status in their district" on atlas.listings
  for insert to authenticated with check (atlas.is_district_admin(district_code));

-- Editors work on drafts and may submit them for review; they cannot publish, archive or move a listing
-- out of their district (the with check runs on the new row).
drop policy if exists "Editors update drafts of their district" on atlas.listings;
create policy "Editors update drafts of their district" on atlas.listings
  for update to authenticated
  using (status in ('draft', 'in_review') and atlas.my_district_role(district_code) is not null)
  with check (status in ('draft', 'in_review') and atlas.my_district_role(district_code) is not null);

drop policy if exists "District admins update any listing of their district" on atlas.listings;
create policy "District admins update any listing of their district" on atlas.listings
  for update to authenticated
  using (atlas.is_district_admin(district_code))
  with check (atlas.is_district_admin(district_code));

drop policy if exists "Users read their own memberships" on atlas.memberships;
create policy "Users read their own memberships" on atlas.memberships
  for select to authenticated using (user_id = (select auth.uid()));

drop policy if exists "Members read the history of their district's listings" on atlas.revisions;
create policy "Members read the history of their district's listings" on atlas.revisions
  for select to authenticated using (atlas.my_district_role(district_code) is not null);
