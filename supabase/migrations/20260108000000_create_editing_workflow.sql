-- Editing by the district governments (issue #5): roles, the draft → in_review → published → archived workflow,
-- pending changes of published listings, history with workflow actions and revert, optimistic concurrency,
-- machine-readable validation, bulk import, and membership management.
--
-- Roles (atlas.memberships): city_admin (city-wide: everything, the only one who moves a listing to another
-- district, manages every account), district_admin (their district's listings and editor accounts), district_editor
-- (drafts of their district, submitted for review). Everyone else reads published listings only. RLS on the tables
-- and the checks of the security-invoker API functions below enforce this; the UI only mirrors it.
--
-- Errors the API raises:
--   22023 invalid input: message = an English sentence, detail = '{"field":…,"rule":…}', hint = how to fix it;
--   42501 not allowed (HTTP 403; 401 for anon), PT404 listing not found or not visible (HTTP 404),
--   PT409 version conflict (HTTP 409), detail = get_listing_for_edit() of the listing as now stored.
--
-- Applies unchanged to PGlite, PostgreSQL 15+ and a Supabase project (no superuser-only features: the workflow
-- action reaches the revision trigger through a transaction-local custom setting, `atlas.action`).

-- ---------------------------------------------------------------------------------------------------------------
-- Columns
-- ---------------------------------------------------------------------------------------------------------------

-- Why a draft was sent back (shown to its editors until it is submitted again).
alter table atlas.listings add column if not exists rejection_reason text check (char_length(rejection_reason) <= 2000);
-- Who last approved or published the listing: the public "last verified on … by …" (with verified_at).
alter table atlas.listings add column if not exists verified_by uuid references auth.users (id) on delete set null;

-- The workflow step a revision records (the `action` column keeps the SQL operation: insert/update/delete).
alter table atlas.revisions add column if not exists workflow_action text
  check (workflow_action in ('created', 'imported', 'edited', 'submitted', 'approved', 'rejected', 'published',
                             'archived', 'reverted', 'moved', 'deleted'));
-- True for steps of a pending change (the proposal of a published listing), whose before/after are field sets.
alter table atlas.revisions add column if not exists pending boolean not null default false;
-- The reviewer's reason, on rejections.
alter table atlas.revisions add column if not exists reason text;

-- ---------------------------------------------------------------------------------------------------------------
-- Pending changes: the next revision of a published listing, which stays public unchanged until it is approved
-- ---------------------------------------------------------------------------------------------------------------

create table if not exists atlas.listing_changes (
  listing_id uuid primary key references atlas.listings (id) on delete cascade, -- at most one per listing
  district_code text references atlas.districts (code), -- the listing's, copied so RLS needs no join
  fields jsonb not null check (jsonb_typeof(fields) = 'object'),           -- the proposed editable fields
  base_fields jsonb not null check (jsonb_typeof(base_fields) = 'object'), -- the listing's fields it was based on
  base_version integer not null,
  -- Concurrency token of the change; always above the listing's version (see atlas.listings_before_write).
  version integer not null,
  status text not null default 'draft' check (status in ('draft', 'in_review', 'rejected')),
  reason text check (char_length(reason) <= 2000),
  author uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_by uuid references auth.users (id) on delete set null,
  updated_at timestamptz not null default now()
);
create index if not exists listing_changes_district_code_idx on atlas.listing_changes (district_code);
create index if not exists listing_changes_status_idx on atlas.listing_changes (status);

-- ---------------------------------------------------------------------------------------------------------------
-- Helpers for policies and functions
-- ---------------------------------------------------------------------------------------------------------------

-- True when the caller is a city administrator. Security definer: reads memberships as the owner.
create or replace function atlas.is_city_admin() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (select 1 from atlas.memberships m where m.user_id = (select auth.uid()) and m.role = 'city_admin')
$$;

-- True when the caller may manage the accounts of a district: city admins anywhere (and city-wide, p_district
-- null), district admins in their district (editors only; the membership policies add that restriction).
create or replace function atlas.can_manage_members(p_district text) returns boolean
language sql stable security definer set search_path = '' as $$
  select atlas.is_city_admin()
      or coalesce(p_district is not null and atlas.my_district_role(p_district) = 'district_admin', false)
$$;

-- True when the caller may act on this user's account (disable, reset, change memberships): a city admin for
-- anyone but themselves; a district admin for a user whose every membership is district_editor in a district they
-- administer (disabling an account affects all its districts, so one district cannot lock out another's staff).
create or replace function atlas.can_manage_user(p_user_id uuid) returns boolean
language sql stable security definer set search_path = '' as $$
  select p_user_id is distinct from (select auth.uid()) and (
    atlas.is_city_admin()
    or (exists (select 1 from atlas.memberships m where m.user_id = p_user_id)
        and not exists (select 1 from atlas.memberships m
                        where m.user_id = p_user_id
                          and not coalesce(m.role = 'district_editor'
                                           and atlas.my_district_role(m.district_code) = 'district_admin', false))))
$$;

-- Email and disabled state of an account, for members only (history, member lists). Security definer: the API
-- roles have no access to auth.users.
create or replace function atlas.account_of(p_user_id uuid)
returns table (email text, disabled boolean, created_at timestamptz)
language sql stable security definer set search_path = '' as $$
  select u.email::text, coalesce(u.banned_until > now(), false), u.created_at
  from auth.users u
  where u.id = p_user_id
    and exists (select 1 from atlas.memberships m where m.user_id = (select auth.uid()))
$$;

create or replace function atlas.email_of(p_user_id uuid) returns text
language sql stable set search_path = '' as $$
  select a.email from atlas.account_of(p_user_id) as a
$$;

-- Who verified a listing, as the public may see it: a display name if the account has one (never the email),
-- and the role and district of their strongest membership.
create or replace function atlas.public_verifier(p_user_id uuid) returns jsonb
language sql stable security definer set search_path = '' as $$
  select jsonb_build_object(
    'name', coalesce(u.raw_user_meta_data ->> 'display_name', u.raw_user_meta_data ->> 'full_name'),
    'role', m.role, 'district_code', m.district_code,
    'district_name_zh', d.name_zh, 'district_name_en', d.name_en)
  from auth.users u
  left join lateral (
    select m.role, m.district_code from atlas.memberships m where m.user_id = u.id
    order by case m.role when 'city_admin' then 1 when 'district_admin' then 2 else 3 end, m.district_code limit 1
  ) m on true
  left join atlas.districts d on d.code = m.district_code
  where u.id = p_user_id
$$;

-- The workflow action the revision triggers record for the next write in this transaction ('' = derive it).
create or replace function atlas.set_action(p_action text) returns void
language sql volatile set search_path = '' as $$
  select set_config('atlas.action', coalesce(p_action, ''), true)
$$;

-- A polygon from a GeoJSON linear ring ([[lon, lat], …]).
create or replace function atlas.ring_polygon(p_ring jsonb) returns polygon
language sql immutable parallel safe set search_path = '' as $$
  select ('(' || string_agg(format('(%s,%s)', c ->> 0, c ->> 1), ',' order by i) || ')')::polygon
  from jsonb_array_elements(p_ring) with ordinality as t (c, i)
$$;

-- True when the point lies in a GeoJSON Polygon or MultiPolygon (inside an outer ring, outside its holes), with
-- the native point-in-polygon operator (PGlite has no PostGIS). Points on an edge count as inside.
create or replace function atlas.geojson_contains(p_geometry jsonb, p_lon double precision, p_lat double precision)
returns boolean
language sql immutable parallel safe set search_path = '' as $$
  select exists (
    select 1
    from jsonb_array_elements(case p_geometry ->> 'type'
                                when 'Polygon' then jsonb_build_array(p_geometry -> 'coordinates')
                                when 'MultiPolygon' then p_geometry -> 'coordinates'
                                else '[]'::jsonb end) as poly
    where point(p_lon, p_lat) operator(pg_catalog.<@) atlas.ring_polygon(poly -> 0)
      and not exists (select 1 from jsonb_array_elements(poly) with ordinality as h (ring, n)
                      where n > 1 and point(p_lon, p_lat) operator(pg_catalog.<@) atlas.ring_polygon(h.ring)))
$$;

-- True unless the district has an outline and the point lies outside it.
create or replace function atlas.in_district(p_district text, p_lon double precision, p_lat double precision)
returns boolean
language sql stable set search_path = '' as $$
  select coalesce((select d.outline is null or atlas.geojson_contains(d.outline, p_lon, p_lat)
                   from atlas.districts d where d.code = p_district), true)
$$;

-- The fields an editor writes (save_listing's p_fields), in form order.
create or replace function atlas.listing_field_names() returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select array['kind', 'name_zh', 'name_en', 'summary_zh', 'summary_en', 'address_zh', 'address_en', 'sectors',
               'place_id', 'district_code', 'lon', 'lat', 'precision', 'website', 'platform_type', 'event_start',
               'event_end', 'venue_zh', 'venue_en', 'source_urls', 'verified_at']
$$;

-- Keys of get_listing_for_edit's answer that are not editable: a form may send them back, they are ignored.
create or replace function atlas.listing_read_only_keys() returns text[]
language sql immutable parallel safe set search_path = '' as $$
  select array['id', 'slug', 'status', 'version', 'rejection_reason', 'pending', 'base_version', 'reason',
               'updated_at', 'updated_by_email', 'verified_by', 'verified_by_email', 'created_at']
$$;

-- A listing's editable fields as JSON (dates as YYYY-MM-DD, sectors and source_urls as arrays).
create or replace function atlas.listing_fields(p_listing atlas.listings) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'kind', p_listing.kind, 'name_zh', p_listing.name_zh, 'name_en', p_listing.name_en,
    'summary_zh', p_listing.summary_zh, 'summary_en', p_listing.summary_en,
    'address_zh', p_listing.address_zh, 'address_en', p_listing.address_en,
    'sectors', to_jsonb(coalesce(p_listing.sectors::text[], '{}')), 'place_id', p_listing.place_id,
    'district_code', p_listing.district_code, 'lon', p_listing.lon, 'lat', p_listing.lat,
    'precision', p_listing.precision, 'website', p_listing.website, 'platform_type', p_listing.platform_type,
    'event_start', p_listing.event_start, 'event_end', p_listing.event_end,
    'venue_zh', p_listing.venue_zh, 'venue_en', p_listing.venue_en,
    'source_urls', to_jsonb(coalesce(p_listing.source_urls, '{}')), 'verified_at', p_listing.verified_at)
$$;

-- One validation error.
create or replace function atlas.rule_error(p_field text, p_rule text, p_message text, p_hint text) returns jsonb
language sql immutable parallel safe set search_path = '' as $$
  select jsonb_build_object('field', p_field, 'rule', p_rule, 'message', p_message, 'hint', p_hint)
$$;

-- A valid calendar date from YYYY-MM-DD text, else null.
create or replace function atlas.try_date(p_text text) returns date
language plpgsql immutable set search_path = '' as $$
begin
  if p_text !~ '^\d{4}-\d{2}-\d{2}$' then
    return null;
  end if;
  return p_text::date;
exception
  when datetime_field_overflow or invalid_datetime_format then
    return null;
end
$$;

-- Every rule a listing's fields break, in form order: [{field, rule, message, hint}], empty when valid. Rules:
-- unknown_field, wrong_type, required, too_long, control_chars, unknown_value (kind, precision),
-- unknown_sector, unknown_district, unknown_place, not_http_url, outside_shenzhen, outside_district, date_order,
-- not_for_kind. p_for_publish adds what a public listing needs (both names). Text is stored as given (markup
-- included, never interpreted), so only control characters are refused.
create or replace function atlas.listing_errors(p_fields jsonb, p_for_publish boolean default false) returns jsonb
language plpgsql stable set search_path = '' as $$
declare
  v_errors jsonb := '[]';
  v_bad text[] := '{}'; -- fields whose type is wrong: no further rules on them
  v_key text;
  v_type text;
  v_text text;
  v_max integer;
  v_kind text;
  v_lon numeric;
  v_lat numeric;
  v_district text;
  v_start date;
  v_end date;
  v_item jsonb;
  v_texts constant jsonb := '{"kind":20,"name_zh":200,"name_en":200,"summary_zh":2000,"summary_en":2000,
    "address_zh":500,"address_en":500,"place_id":100,"district_code":20,"precision":20,"website":500,
    "platform_type":100,"event_start":10,"event_end":10,"venue_zh":200,"venue_en":200,"verified_at":10}';
  v_multi_line constant text[] := array['summary_zh', 'summary_en'];
begin
  if jsonb_typeof(p_fields) is distinct from 'object' then
    return jsonb_build_array(atlas.rule_error('fields', 'wrong_type', 'The listing must be a JSON object.',
      'Send an object with the listing''s fields, e.g. {"kind":"enterprise","name_zh":"…"}.'));
  end if;

  for v_key in select k from jsonb_object_keys(p_fields) as k order by k loop
    if v_key <> all (atlas.listing_field_names()) and v_key <> all (atlas.listing_read_only_keys()) then
      v_errors := v_errors || atlas.rule_error(v_key, 'unknown_field', format('%s is not a listing field.', v_key),
        'Accepted fields: ' || array_to_string(atlas.listing_field_names(), ', ') || '.');
      v_bad := v_bad || v_key;
    end if;
  end loop;

  -- Types, lengths and control characters.
  for v_key in select k from unnest(atlas.listing_field_names()) as k loop
    v_type := jsonb_typeof(p_fields -> v_key);
    if v_type is null or v_type = 'null' then
      continue;
    end if;
    if v_texts ? v_key then
      if v_type <> 'string' then
        v_errors := v_errors || atlas.rule_error(v_key, 'wrong_type', format('%s must be text.', v_key),
          format('Send %s as a JSON string.', v_key));
        v_bad := v_bad || v_key;
        continue;
      end if;
      v_text := btrim(p_fields ->> v_key, E' \t\r\n');
      v_max := (v_texts ->> v_key)::integer;
      if char_length(v_text) > v_max then
        v_errors := v_errors || atlas.rule_error(v_key, 'too_long',
          format('%s is longer than %s characters.', v_key, v_max), format('Shorten %s to %s characters.', v_key, v_max));
        v_bad := v_bad || v_key;
      elsif (v_key = any (v_multi_line) and v_text ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]')
            or (v_key <> all (v_multi_line) and v_text ~ '[\x01-\x1f\x7f]') then
        v_errors := v_errors || atlas.rule_error(v_key, 'control_chars',
          format('%s contains control characters.', v_key),
          case when v_key = any (v_multi_line) then 'Remove control characters (line breaks and tabs are allowed).'
               else 'Remove control characters such as line breaks and tabs.' end);
        v_bad := v_bad || v_key;
      elsif v_key in ('event_start', 'event_end', 'verified_at') and v_text <> '' and atlas.try_date(v_text) is null then
        v_errors := v_errors || atlas.rule_error(v_key, 'wrong_type', format('%s is not a date.', v_key),
          'Use a calendar date written YYYY-MM-DD.');
        v_bad := v_bad || v_key;
      end if;
    elsif v_key in ('lon', 'lat') then
      if v_type <> 'number' then
        v_errors := v_errors || atlas.rule_error(v_key, 'wrong_type', format('%s must be a number.', v_key),
          format('Send %s as a JSON number in WGS84 degrees.', v_key));
        v_bad := v_bad || v_key;
      end if;
    else -- sectors, source_urls: arrays of strings
      if v_type <> 'array' or exists (select 1 from jsonb_array_elements(p_fields -> v_key) as e
                                      where jsonb_typeof(e) <> 'string') then
        v_errors := v_errors || atlas.rule_error(v_key, 'wrong_type', format('%s must be a list of text values.', v_key),
          format('Send %s as a JSON array of strings.', v_key));
        v_bad := v_bad || v_key;
      elsif jsonb_array_length(p_fields -> v_key) > 50 then
        v_errors := v_errors || atlas.rule_error(v_key, 'too_long', format('%s has more than 50 entries.', v_key),
          format('Keep at most 50 entries in %s.', v_key));
        v_bad := v_bad || v_key;
      elsif exists (select 1 from jsonb_array_elements_text(p_fields -> v_key) as e where char_length(e) > 2000) then
        v_errors := v_errors || atlas.rule_error(v_key, 'too_long', format('An entry of %s is longer than 2000 characters.', v_key),
          'Shorten the entry to 2000 characters.');
        v_bad := v_bad || v_key;
      elsif exists (select 1 from jsonb_array_elements_text(p_fields -> v_key) as e where e ~ '[\x01-\x1f\x7f]') then
        v_errors := v_errors || atlas.rule_error(v_key, 'control_chars', format('%s contains control characters.', v_key),
          'Remove control characters such as line breaks and tabs.');
        v_bad := v_bad || v_key;
      end if;
    end if;
  end loop;

  -- Values. A field with a bad type counts as "given" but is not checked further.
  if 'kind' <> all (v_bad) then
    v_kind := nullif(btrim(p_fields ->> 'kind'), '');
    if v_kind is null then
      v_errors := v_errors || atlas.rule_error('kind', 'required', 'kind is required.', 'Use enterprise, platform or event.');
    elsif v_kind not in ('enterprise', 'platform', 'event') then
      v_errors := v_errors || atlas.rule_error('kind', 'unknown_value', format('%s is not a listing kind.', v_kind),
        'Use enterprise, platform or event.');
      v_kind := null;
    end if;
  end if;

  if not ('name_zh' = any (v_bad) or 'name_en' = any (v_bad)) then
    if nullif(btrim(p_fields ->> 'name_zh'), '') is null and nullif(btrim(p_fields ->> 'name_en'), '') is null then
      v_errors := v_errors || atlas.rule_error('name_zh', 'required', 'A name is required.',
        'Give name_zh, name_en or both.');
    elsif p_for_publish and nullif(btrim(p_fields ->> 'name_zh'), '') is null then
      v_errors := v_errors || atlas.rule_error('name_zh', 'required', 'A published listing needs a Chinese name.',
        'Give name_zh as well as name_en.');
    elsif p_for_publish and nullif(btrim(p_fields ->> 'name_en'), '') is null then
      v_errors := v_errors || atlas.rule_error('name_en', 'required', 'A published listing needs an English name.',
        'Give name_en as well as name_zh.');
    end if;
  end if;

  if 'sectors' <> all (v_bad) and jsonb_typeof(p_fields -> 'sectors') = 'array' then
    select string_agg(e, ', ') into v_text
    from jsonb_array_elements_text(p_fields -> 'sectors') as e
    where btrim(e) <> '' and not exists (select 1 from atlas.sectors s where s.code = btrim(e));
    if v_text is not null then
      v_errors := v_errors || atlas.rule_error('sectors', 'unknown_sector', format('Unknown sector: %s.', v_text),
        'Use sector codes from list_sectors(): ' || (select string_agg(s.code, ', ' order by s.sort_order) from atlas.sectors s) || '.');
    end if;
  end if;

  if 'source_urls' <> all (v_bad) then
    if jsonb_typeof(p_fields -> 'source_urls') is distinct from 'array'
       or not exists (select 1 from jsonb_array_elements_text(p_fields -> 'source_urls') as e where btrim(e) <> '') then
      v_errors := v_errors || atlas.rule_error('source_urls', 'required', 'At least one source URL is required.',
        'Every fact on the map carries its source: add an http(s) link.');
    elsif exists (select 1 from jsonb_array_elements_text(p_fields -> 'source_urls') as e
                  where btrim(e) <> '' and btrim(e) !~ '^https?://[^[:space:]]+$') then
      v_errors := v_errors || atlas.rule_error('source_urls', 'not_http_url', 'Every source must be an http(s) URL.',
        'Start each source with http:// or https://.');
    end if;
  end if;

  if 'website' <> all (v_bad) and nullif(btrim(p_fields ->> 'website'), '') !~ '^https?://[^[:space:]]+$' then
    v_errors := v_errors || atlas.rule_error('website', 'not_http_url', 'website must be an http(s) URL.',
      'Start the address with http:// or https://.');
  end if;

  -- Location: both coordinates or neither, inside Shenzhen, inside the district's outline when known.
  if 'lon' <> all (v_bad) and 'lat' <> all (v_bad) then
    v_lon := (p_fields ->> 'lon')::numeric;
    v_lat := (p_fields ->> 'lat')::numeric;
    if v_lon is not null and v_lat is null then
      v_errors := v_errors || atlas.rule_error('lat', 'required', 'lat is required with lon.', 'Give both lon and lat, or neither.');
    elsif v_lat is not null and v_lon is null then
      v_errors := v_errors || atlas.rule_error('lon', 'required', 'lon is required with lat.', 'Give both lon and lat, or neither.');
    elsif v_lon is not null then
      if not (v_lon between 113.75 and 114.65 and v_lat between 22.39 and 22.87) then
        v_errors := v_errors || atlas.rule_error('lon', 'outside_shenzhen', 'The location is outside Shenzhen.',
          'Coordinates are WGS84 degrees [lon, lat]; convert GCJ-02 (Amap, Tencent) or BD-09 (Baidu) first.');
      else
        v_district := nullif(btrim(p_fields ->> 'district_code'), '');
        if 'district_code' <> all (v_bad) and v_district is not null
           and not atlas.in_district(v_district, v_lon::double precision, v_lat::double precision) then
          v_errors := v_errors || atlas.rule_error('lon', 'outside_district', 'The location is outside the listing''s district.',
            'Check the coordinates, or ask a city administrator to move the listing to the district it lies in.');
        end if;
      end if;
      if 'precision' <> all (v_bad) and nullif(btrim(p_fields ->> 'precision'), '') is null then
        v_errors := v_errors || atlas.rule_error('precision', 'required', 'precision is required with a location.',
          'Use address, street, subdistrict or estimate.');
      end if;
    end if;
  end if;
  if 'precision' <> all (v_bad)
     and nullif(btrim(p_fields ->> 'precision'), '') not in ('address', 'street', 'subdistrict', 'estimate') then
    v_errors := v_errors || atlas.rule_error('precision', 'unknown_value', 'precision is not one of the known values.',
      'Use address, street, subdistrict or estimate.');
  end if;

  if 'district_code' <> all (v_bad) then
    v_district := nullif(btrim(p_fields ->> 'district_code'), '');
    if v_district is not null and not exists (select 1 from atlas.districts d where d.code = v_district) then
      v_errors := v_errors || atlas.rule_error('district_code', 'unknown_district', format('Unknown district %s.', v_district),
        'Use a GB/T 2260 code from list_districts().');
    end if;
  end if;

  if 'place_id' <> all (v_bad) then
    v_text := nullif(btrim(p_fields ->> 'place_id'), '');
    if v_text is not null and not exists (select 1 from atlas.places p where p.id = v_text) then
      v_errors := v_errors || atlas.rule_error('place_id', 'unknown_place', format('Unknown place %s.', v_text),
        'Use a place id from list_places(), or leave it empty.');
    end if;
  end if;

  -- Kind-specific fields.
  if 'event_start' <> all (v_bad) and 'event_end' <> all (v_bad) then
    v_start := atlas.try_date(btrim(p_fields ->> 'event_start'));
    v_end := atlas.try_date(btrim(p_fields ->> 'event_end'));
    if v_end < v_start then
      v_errors := v_errors || atlas.rule_error('event_end', 'date_order', 'event_end is before event_start.',
        'An event ends on or after the day it starts.');
    end if;
  end if;
  if v_kind is not null and v_kind <> 'event' then
    for v_key in select k from unnest(array['event_start', 'event_end', 'venue_zh', 'venue_en']) as k loop
      if v_key <> all (v_bad) and nullif(btrim(p_fields ->> v_key), '') is not null then
        v_errors := v_errors || atlas.rule_error(v_key, 'not_for_kind', format('%s is for events only.', v_key),
          format('Leave %s empty, or make the listing an event.', v_key));
      end if;
    end loop;
  end if;
  if v_kind is not null and v_kind <> 'platform' and 'platform_type' <> all (v_bad)
     and nullif(btrim(p_fields ->> 'platform_type'), '') is not null then
    v_errors := v_errors || atlas.rule_error('platform_type', 'not_for_kind', 'platform_type is for platforms only.',
      'Leave platform_type empty, or make the listing a platform.');
  end if;

  -- Keep form order, so "the first error" is the first field on the form.
  select coalesce(jsonb_agg(e order by coalesce(array_position(atlas.listing_field_names(), e ->> 'field'), 0), n), '[]')
    into v_errors
  from jsonb_array_elements(v_errors) with ordinality as t (e, n);
  return v_errors;
end
$$;

-- Raises the first error of a listing_errors() answer: 22023, detail {"field","rule"}.
create or replace function atlas.raise_first_error(p_errors jsonb) returns void
language plpgsql volatile set search_path = '' as $$
begin
  if jsonb_array_length(p_errors) > 0 then
    raise exception using errcode = '22023', message = p_errors -> 0 ->> 'message',
      detail = jsonb_build_object('field', p_errors -> 0 ->> 'field', 'rule', p_errors -> 0 ->> 'rule')::text,
      hint = coalesce(p_errors -> 0 ->> 'hint', 'Correct the value and try again.');
  end if;
end
$$;

-- One 22023 refusal outside listing_errors (workflow state, reasons…).
create or replace function atlas.refuse(p_field text, p_rule text, p_message text, p_hint text) returns void
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using errcode = '22023', message = p_message,
    detail = jsonb_build_object('field', p_field, 'rule', p_rule)::text, hint = p_hint;
end
$$;

create or replace function atlas.forbid(p_message text, p_hint text) returns void
language plpgsql volatile set search_path = '' as $$
begin
  raise exception using errcode = '42501', message = p_message, hint = p_hint;
end
$$;

-- The editable fields after trimming: text '' → null, lists without blanks or repeats (first occurrence kept).
-- Every field name is present in the answer (absent ones as null / []). Call on validated input only.
create or replace function atlas.listing_normalize(p_fields jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  v_result jsonb := '{}';
  v_key text;
begin
  foreach v_key in array atlas.listing_field_names() loop
    if v_key in ('sectors', 'source_urls') then
      v_result := v_result || jsonb_build_object(v_key, coalesce((
        select jsonb_agg(to_jsonb(v) order by first_at)
        from (select btrim(e, E' \t\r\n') as v, min(i) as first_at
              from jsonb_array_elements_text(case when jsonb_typeof(p_fields -> v_key) = 'array'
                                                  then p_fields -> v_key else '[]' end) with ordinality as t (e, i)
              where btrim(e, E' \t\r\n') <> '' group by 1) as u), '[]'::jsonb));
    elsif v_key in ('lon', 'lat') then
      v_result := v_result || jsonb_build_object(v_key, coalesce(p_fields -> v_key, 'null'::jsonb));
    else
      v_result := v_result || jsonb_build_object(v_key, nullif(btrim(p_fields ->> v_key, E' \t\r\n'), ''));
    end if;
  end loop;
  return v_result;
end
$$;

-- ---------------------------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------------------------

-- Same as before, except the version: it only grows, and stays above the pending change's version, so a
-- concurrency token handed out for the change can never match the listing again (no ABA).
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
    new.version := greatest(old.version, new.version,
                            coalesce((select c.version from atlas.listing_changes c where c.listing_id = new.id), 0)) + 1;
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  new.name_pinyin := atlas.to_pinyin(new.name_zh);
  new.search_text := lower(concat_ws(' ', new.name_zh, new.name_en, new.name_pinyin,
                                     new.address_zh, new.address_en, new.slug));
  return new;
end
$$;

-- Rules that RLS cannot express because they compare the old and new row. Applies to the API roles only (the
-- owner's seed and service jobs are trusted).
create or replace function atlas.listings_guard() returns trigger
language plpgsql set search_path = '' as $$
begin
  if current_user not in ('anon', 'authenticated') then
    return new;
  end if;
  -- Only city administrators give a listing to another district.
  if tg_op = 'UPDATE' and new.district_code is distinct from old.district_code and not atlas.is_city_admin() then
    raise exception using errcode = '42501', message = 'only city administrators may move a listing to another district',
      hint = 'Ask a city administrator (municipal bureau) to move it.';
  end if;
  -- "Verified by" is set by approving or publishing, which only administrators do.
  if not atlas.is_district_admin(new.district_code) then
    new.verified_by := case when tg_op = 'UPDATE' then old.verified_by end;
  end if;
  return new;
end
$$;

drop trigger if exists listings_guard on atlas.listings;
create trigger listings_guard before insert or update on atlas.listings
  for each row execute function atlas.listings_guard();

-- A listing's location lies inside its district's outline whenever the outline is known (checked when the
-- location or the district changes, so adding an outline later does not block other edits of older rows).
create or replace function atlas.listings_check_district() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.lon is not null and new.district_code is not null
     and (tg_op = 'INSERT' or new.lon is distinct from old.lon or new.lat is distinct from old.lat
          or new.district_code is distinct from old.district_code)
     and not atlas.in_district(new.district_code, new.lon, new.lat) then
    raise exception using errcode = '22023', message = 'The location is outside the listing''s district.',
      detail = jsonb_build_object('field', 'lon', 'rule', 'outside_district')::text,
      hint = 'Check the coordinates, or ask a city administrator to move the listing to the district it lies in.';
  end if;
  return new;
end
$$;

drop trigger if exists listings_check_district on atlas.listings;
create trigger listings_check_district before insert or update on atlas.listings
  for each row execute function atlas.listings_check_district();

-- One revision per change, now with the workflow action (from the transaction-local setting atlas.action, set by
-- the API functions; derived from the operation otherwise) and the rejection reason.
create or replace function atlas.listings_record_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_action text := nullif(current_setting('atlas.action', true), '');
begin
  insert into atlas.revisions (listing_id, version, district_code, actor, action, before, after, workflow_action, reason)
  values (
    coalesce(new.id, old.id),
    coalesce(new.version, old.version),
    coalesce(new.district_code, old.district_code),
    (select auth.uid()),
    lower(tg_op),
    case when tg_op <> 'INSERT' then to_jsonb(old) - 'search_text' - 'name_pinyin' - 'map_feature' end,
    case when tg_op <> 'DELETE' then to_jsonb(new) - 'search_text' - 'name_pinyin' - 'map_feature' end,
    coalesce(v_action, case tg_op when 'INSERT' then 'created' when 'UPDATE' then 'edited' else 'deleted' end),
    case when v_action = 'rejected' then new.rejection_reason end
  );
  return null;
end
$$;

-- Authorship and timestamps of a pending change.
create or replace function atlas.listing_changes_before_write() returns trigger
language plpgsql set search_path = '' as $$
begin
  if tg_op = 'INSERT' then
    new.author := coalesce(new.author, (select auth.uid()));
    new.created_at := now();
  else
    new.author := old.author;
    new.created_at := old.created_at;
  end if;
  new.updated_by := (select auth.uid());
  new.updated_at := now();
  return new;
end
$$;

drop trigger if exists listing_changes_before_write on atlas.listing_changes;
create trigger listing_changes_before_write before insert or update on atlas.listing_changes
  for each row execute function atlas.listing_changes_before_write();

-- Steps of a pending change are history too (pending = true; before = the listing's fields, after = proposed).
create or replace function atlas.listing_changes_record_revision() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  v_action text := nullif(current_setting('atlas.action', true), '');
begin
  insert into atlas.revisions (listing_id, version, district_code, actor, action, before, after, workflow_action,
                               pending, reason)
  values (new.listing_id, new.version, new.district_code, (select auth.uid()), lower(tg_op), new.base_fields,
          new.base_fields || new.fields, coalesce(v_action, 'edited'), true,
          case when new.status = 'rejected' then new.reason end);
  return null;
end
$$;

drop trigger if exists listing_changes_record_revision on atlas.listing_changes;
create trigger listing_changes_record_revision after insert or update on atlas.listing_changes
  for each row execute function atlas.listing_changes_record_revision();

-- ---------------------------------------------------------------------------------------------------------------
-- Grants and Row Level Security
-- ---------------------------------------------------------------------------------------------------------------

revoke all on atlas.listing_changes from public, anon, authenticated;
-- Members work on the pending changes of their district; RLS below decides which and how.
grant select, insert, update, delete on atlas.listing_changes to authenticated;
grant select, insert, update, delete on atlas.listing_changes to service_role;
-- Membership management goes through grant_membership / revoke_membership as the caller; RLS decides.
grant insert, update, delete on atlas.memberships to authenticated;

alter table atlas.listing_changes enable row level security;
alter table atlas.listing_changes force row level security;

drop policy if exists "Members read the pending changes of their district" on atlas.listing_changes;
create policy "Members read the pending changes of their district" on atlas.listing_changes
  for select to authenticated using (atlas.my_district_role(district_code) is not null);

drop policy if exists "Members propose changes to published listings of their district" on atlas.listing_changes;
create policy "Members propose changes to published listings of their district" on atlas.listing_changes
  for insert to authenticated
  with check (status = 'draft' and atlas.my_district_role(district_code) is not null);

-- Editors edit and submit; only administrators reject (status 'rejected').
drop policy if exists "Members edit and submit the pending changes of their district" on atlas.listing_changes;
create policy "Members edit and submit the pending changes of their district" on atlas.listing_changes
  for update to authenticated
  using (atlas.my_district_role(district_code) is not null)
  with check (atlas.my_district_role(district_code) is not null
              and (status in ('draft', 'in_review') or atlas.is_district_admin(district_code)));

-- Applying (approval) or discarding a change removes it; its steps stay in the history.
drop policy if exists "District admins remove pending changes of their district" on atlas.listing_changes;
create policy "District admins remove pending changes of their district" on atlas.listing_changes
  for delete to authenticated using (atlas.is_district_admin(district_code));

-- Memberships: administrators see the members of the districts they administer (city admins: everyone).
drop policy if exists "Admins read the memberships of the districts they administer" on atlas.memberships;
create policy "Admins read the memberships of the districts they administer" on atlas.memberships
  for select to authenticated using (atlas.is_district_admin(district_code));

-- City admins grant any role; district admins grant only district_editor in their own district.
drop policy if exists "Admins grant memberships they may manage" on atlas.memberships;
create policy "Admins grant memberships they may manage" on atlas.memberships
  for insert to authenticated
  with check (atlas.is_city_admin()
              or (role = 'district_editor' and atlas.can_manage_members(district_code)));

drop policy if exists "Admins change memberships they may manage" on atlas.memberships;
create policy "Admins change memberships they may manage" on atlas.memberships
  for update to authenticated
  using (atlas.is_city_admin() or (role = 'district_editor' and atlas.can_manage_members(district_code)))
  with check (atlas.is_city_admin() or (role = 'district_editor' and atlas.can_manage_members(district_code)));

drop policy if exists "Admins revoke memberships they may manage" on atlas.memberships;
create policy "Admins revoke memberships they may manage" on atlas.memberships
  for delete to authenticated
  using (atlas.is_city_admin() or (role = 'district_editor' and atlas.can_manage_members(district_code)));

-- History follows the listing: members of its current district read all of it (also from before a move).
drop policy if exists "Members read the history of listings now in their district" on atlas.revisions;
create policy "Members read the history of listings now in their district" on atlas.revisions
  for select to authenticated
  using (exists (select 1 from atlas.listings l
                 where l.id = listing_id and atlas.my_district_role(l.district_code) is not null));

-- ---------------------------------------------------------------------------------------------------------------
-- Internal steps of the API (security invoker: run as the caller, RLS applies)
-- ---------------------------------------------------------------------------------------------------------------

-- The concurrency token of a listing: its version, or its pending change's when that is newer.
create or replace function atlas.edit_version(p_listing atlas.listings, p_change atlas.listing_changes) returns integer
language sql immutable set search_path = '' as $$
  select greatest(p_listing.version, coalesce(p_change.version, 0))
$$;

-- What the editing form needs (public.get_listing_for_edit), for a row the caller can see.
create or replace function atlas.listing_for_edit(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select atlas.listing_fields(l) || jsonb_build_object(
    'id', l.id, 'slug', l.slug, 'status', l.status, 'version', atlas.edit_version(l, c),
    'listing_version', l.version, 'rejection_reason', l.rejection_reason,
    'updated_at', l.updated_at, 'updated_by_email', atlas.email_of(l.updated_by),
    'verified_by_email', atlas.email_of(l.verified_by),
    'pending', case when c.listing_id is not null then
      c.fields || jsonb_build_object('status', c.status, 'reason', c.reason, 'base_version', c.base_version,
                                     'version', c.version, 'updated_at', c.updated_at,
                                     'updated_by_email', atlas.email_of(c.updated_by)) end)
  from atlas.listings l
  left join atlas.listing_changes c on c.listing_id = l.id
  where l.id = p_id and atlas.my_district_role(l.district_code) is not null
$$;

-- The listing and its pending change, after checking that the caller can see it and holds its current version.
-- Raises PT404 when the caller cannot see the listing, 42501 when they are not a member of its district, PT409
-- (detail: the listing as now stored) when p_version is not the current token.
create or replace function atlas.load_for_write(p_id uuid, p_version integer) returns atlas.listings
language plpgsql stable set search_path = '' as $$
declare
  o_listing atlas.listings;
  o_change atlas.listing_changes;
begin
  select l.* into o_listing from atlas.listings l where l.id = p_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'listing not found',
      detail = format('No listing %s that you can see.', p_id), hint = 'Check the id; drafts are visible to members of their district only.';
  end if;
  if atlas.my_district_role(o_listing.district_code) is null then
    perform atlas.forbid('not a member of this listing''s district',
      'Only members of the listing''s district edit it; ask a city administrator for a membership.');
  end if;
  select c.* into o_change from atlas.listing_changes c where c.listing_id = p_id;
  if p_version is null or p_version <> atlas.edit_version(o_listing, o_change) then
    raise exception using errcode = 'PT409', message = 'version conflict',
      detail = atlas.listing_for_edit(p_id)::text,
      hint = 'Someone saved this listing after you opened it: reload it, reapply your changes and save again.';
  end if;
  return o_listing;
end
$$;

-- Updates the listing's columns present in p_patch (editable fields, status, rejection_reason, verified_by,
-- version) as the caller, recording p_action, only if its version is still p_version (concurrent writers lose
-- with PT409 rather than overwrite). Refusals by RLS become 42501.
create or replace function atlas.patch_listing(p_id uuid, p_version integer, p_patch jsonb, p_action text)
returns atlas.listings
language plpgsql volatile set search_path = '' as $$
declare
  r atlas.listings := jsonb_populate_record(null::atlas.listings, p_patch);
  v atlas.listings;
begin
  perform atlas.set_action(p_action);
  update atlas.listings as l set
    kind = case when p_patch ? 'kind' then r.kind else l.kind end,
    name_zh = case when p_patch ? 'name_zh' then r.name_zh else l.name_zh end,
    name_en = case when p_patch ? 'name_en' then r.name_en else l.name_en end,
    summary_zh = case when p_patch ? 'summary_zh' then r.summary_zh else l.summary_zh end,
    summary_en = case when p_patch ? 'summary_en' then r.summary_en else l.summary_en end,
    address_zh = case when p_patch ? 'address_zh' then r.address_zh else l.address_zh end,
    address_en = case when p_patch ? 'address_en' then r.address_en else l.address_en end,
    sectors = case when p_patch ? 'sectors' then r.sectors else l.sectors end,
    place_id = case when p_patch ? 'place_id' then r.place_id else l.place_id end,
    district_code = case when p_patch ? 'district_code' then r.district_code else l.district_code end,
    lon = case when p_patch ? 'lon' then r.lon else l.lon end,
    lat = case when p_patch ? 'lat' then r.lat else l.lat end,
    precision = case when p_patch ? 'precision' then r.precision else l.precision end,
    website = case when p_patch ? 'website' then r.website else l.website end,
    platform_type = case when p_patch ? 'platform_type' then r.platform_type else l.platform_type end,
    event_start = case when p_patch ? 'event_start' then r.event_start else l.event_start end,
    event_end = case when p_patch ? 'event_end' then r.event_end else l.event_end end,
    venue_zh = case when p_patch ? 'venue_zh' then r.venue_zh else l.venue_zh end,
    venue_en = case when p_patch ? 'venue_en' then r.venue_en else l.venue_en end,
    -- dates as published belong to events only (the table's check)
    dates_note = case when p_patch ? 'kind' and r.kind <> 'event' then null else l.dates_note end,
    source_urls = case when p_patch ? 'source_urls' then r.source_urls else l.source_urls end,
    verified_at = case when p_patch ? 'verified_at' then r.verified_at else l.verified_at end,
    status = case when p_patch ? 'status' then r.status else l.status end,
    rejection_reason = case when p_patch ? 'rejection_reason' then r.rejection_reason else l.rejection_reason end,
    verified_by = case when p_patch ? 'verified_by' then r.verified_by else l.verified_by end,
    version = case when p_patch ? 'version' then r.version else l.version end
  where l.id = p_id
    and greatest(l.version, coalesce((select c.version from atlas.listing_changes c where c.listing_id = l.id), 0)) = p_version
  returning l.* into v;
  perform atlas.set_action(null);
  if v.id is null then
    if exists (select 1 from atlas.listings l where l.id = p_id
               and greatest(l.version, coalesce((select c.version from atlas.listing_changes c
                                                  where c.listing_id = l.id), 0)) <> p_version) then
      raise exception using errcode = 'PT409', message = 'version conflict', detail = atlas.listing_for_edit(p_id)::text,
        hint = 'Someone saved this listing after you opened it: reload it, reapply your changes and save again.';
    end if;
    perform atlas.forbid('you may not change this listing', 'Ask an administrator of the listing''s district.');
  end if;
  return v;
end
$$;

-- The answer of the write functions.
create or replace function atlas.saved(p_id uuid) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object('id', l.id, 'slug', l.slug, 'status', l.status, 'version', atlas.edit_version(l, c),
                            'pending', c.listing_id is not null)
  from atlas.listings l left join atlas.listing_changes c on c.listing_id = l.id
  where l.id = p_id
$$;

-- Inserts a new draft from validated, normalised fields as the caller and returns its id.
create or replace function atlas.insert_draft(p_norm jsonb, p_action text) returns uuid
language plpgsql volatile set search_path = '' as $$
declare
  r atlas.listings := jsonb_populate_record(null::atlas.listings, p_norm);
  v_id uuid := gen_random_uuid();
begin
  perform atlas.set_action(p_action);
  insert into atlas.listings (id, slug, kind, status, name_zh, name_en, summary_zh, summary_en, address_zh, address_en,
    sectors, place_id, district_code, lon, lat, precision, website, platform_type, event_start, event_end,
    venue_zh, venue_en, source_urls, verified_at)
  values (v_id,
    left(coalesce(nullif(atlas.slugify(r.name_en), ''), nullif(atlas.slugify(split_part(atlas.to_pinyin(r.name_zh), ' ', 1)), ''),
                  'listing'), 100) || '-' || left(replace(v_id::text, '-', ''), 8),
    r.kind, 'draft', r.name_zh, r.name_en, r.summary_zh, r.summary_en, r.address_zh, r.address_en, r.sectors,
    r.place_id, r.district_code, r.lon, r.lat, r.precision, r.website, r.platform_type, r.event_start, r.event_end,
    r.venue_zh, r.venue_en, r.source_urls, r.verified_at);
  perform atlas.set_action(null);
  return v_id;
end
$$;

-- Field-level differences between two field sets (keys of atlas.listing_field_names() plus status).
create or replace function atlas.field_changes(p_before jsonb, p_after jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object('field', f, 'before', p_before -> f, 'after', p_after -> f) order by n), '[]')
  from unnest(atlas.listing_field_names() || array['status']) with ordinality as t (f, n)
  where p_after is not null
    and coalesce(p_before -> f, 'null'::jsonb) is distinct from coalesce(p_after -> f, 'null'::jsonb)
$$;

-- A row of manage_listings / review_queue.
create or replace function atlas.manage_row(p_listing atlas.listings, p_change atlas.listing_changes) returns jsonb
language sql stable set search_path = '' as $$
  select jsonb_build_object(
    'id', p_listing.id, 'slug', p_listing.slug, 'kind', p_listing.kind,
    'name_zh', p_listing.name_zh, 'name_en', p_listing.name_en, 'district_code', p_listing.district_code,
    'status', p_listing.status, 'version', atlas.edit_version(p_listing, p_change),
    'updated_at', greatest(p_listing.updated_at, p_change.updated_at),
    'updated_by_email', atlas.email_of(case when p_change.updated_at > p_listing.updated_at
                                            then p_change.updated_by else p_listing.updated_by end),
    'rejection_reason', p_listing.rejection_reason,
    'pending', case when p_change.listing_id is not null then
      jsonb_build_object('status', p_change.status, 'reason', p_change.reason) end)
$$;

revoke all on function atlas.is_city_admin(), atlas.can_manage_members(text), atlas.can_manage_user(uuid),
  atlas.account_of(uuid), atlas.email_of(uuid), atlas.public_verifier(uuid), atlas.set_action(text),
  atlas.ring_polygon(jsonb), atlas.geojson_contains(jsonb, double precision, double precision),
  atlas.in_district(text, double precision, double precision), atlas.listing_field_names(),
  atlas.listing_read_only_keys(), atlas.listing_fields(atlas.listings), atlas.rule_error(text, text, text, text),
  atlas.try_date(text), atlas.listing_errors(jsonb, boolean), atlas.raise_first_error(jsonb),
  atlas.refuse(text, text, text, text), atlas.forbid(text, text), atlas.listing_normalize(jsonb),
  atlas.edit_version(atlas.listings, atlas.listing_changes), atlas.listing_for_edit(uuid),
  atlas.load_for_write(uuid, integer), atlas.patch_listing(uuid, integer, jsonb, text), atlas.saved(uuid),
  atlas.insert_draft(jsonb, text), atlas.field_changes(jsonb, jsonb),
  atlas.manage_row(atlas.listings, atlas.listing_changes) from public;
-- Helpers the triggers and policies call for every role that writes or reads rows.
grant execute on function atlas.is_city_admin(), atlas.can_manage_members(text), atlas.set_action(text),
  atlas.ring_polygon(jsonb), atlas.geojson_contains(jsonb, double precision, double precision),
  atlas.in_district(text, double precision, double precision), atlas.public_verifier(uuid)
  to anon, authenticated, service_role;
-- The rest serves the signed-in API functions.
grant execute on function atlas.can_manage_user(uuid), atlas.account_of(uuid), atlas.email_of(uuid),
  atlas.listing_field_names(), atlas.listing_read_only_keys(), atlas.listing_fields(atlas.listings),
  atlas.rule_error(text, text, text, text), atlas.try_date(text), atlas.listing_errors(jsonb, boolean),
  atlas.raise_first_error(jsonb), atlas.refuse(text, text, text, text), atlas.forbid(text, text),
  atlas.listing_normalize(jsonb), atlas.edit_version(atlas.listings, atlas.listing_changes),
  atlas.listing_for_edit(uuid), atlas.load_for_write(uuid, integer), atlas.patch_listing(uuid, integer, jsonb, text),
  atlas.saved(uuid), atlas.insert_draft(jsonb, text), atlas.field_changes(jsonb, jsonb),
  atlas.manage_row(atlas.listings, atlas.listing_changes)
  to authenticated, service_role;

-- ---------------------------------------------------------------------------------------------------------------
-- API: listings
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.manage_listings(p_status text default null, p_district text default null,
                                                  p_q text default null, p_limit integer default 100,
                                                  p_offset integer default 0) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_patterns text[] := atlas.search_patterns(p_q);
  v_result jsonb;
begin
  perform atlas.check_codes('p_status', array[p_status],
    array['draft', 'in_review', 'published', 'archived', 'pending_changes']);
  with scope as (
    select l, c
    from atlas.listings l
    left join atlas.listing_changes c on c.listing_id = l.id
    -- every published listing is readable by all: keep those of the caller's districts only
    where atlas.my_district_role(l.district_code) is not null
      and (p_district is null or l.district_code = p_district)
      and (v_patterns is null or l.search_text like all (v_patterns))
  ), matched as (
    select * from scope s
    where p_status is null
       or (p_status = 'pending_changes' and (s.c).listing_id is not null)
       or (s.l).status = p_status
  )
  select jsonb_build_object(
    'total', (select count(*) from matched),
    'counts', jsonb_build_object(
      'draft', (select count(*) from scope s where (s.l).status = 'draft'),
      'in_review', (select count(*) from scope s where (s.l).status = 'in_review'),
      'published', (select count(*) from scope s where (s.l).status = 'published'),
      'archived', (select count(*) from scope s where (s.l).status = 'archived'),
      'pending_changes', (select count(*) from scope s where (s.c).listing_id is not null)),
    'rows', coalesce((
      select jsonb_agg(atlas.manage_row(p.l, p.c) order by p.at desc, (p.l).id)
      from (select m.l, m.c, greatest((m.l).updated_at, (m.c).updated_at) as at from matched m
            order by 3 desc, (m.l).id
            limit least(greatest(coalesce(p_limit, 100), 1), 500) offset greatest(coalesce(p_offset, 0), 0)) as p), '[]'))
  into v_result;
  return v_result;
end
$$;
comment on function public.manage_listings(text, text, text, integer, integer) is
  'Listings of the caller''s districts (city admin: all), newest change first: {total, counts {draft, in_review, '
  'published, archived, pending_changes}, rows [{id, slug, kind, name_zh, name_en, district_code, status, version, '
  'updated_at, updated_by_email, rejection_reason, pending {status, reason} | null}]}. p_status one of the statuses '
  'or pending_changes; p_q searches names, pinyin and address; p_limit 1–500.';

create or replace function public.get_listing_for_edit(p_id uuid) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select atlas.listing_for_edit(p_id)
$$;
comment on function public.get_listing_for_edit(uuid) is
  'A listing''s editable fields plus id, slug, status, version (the token save/submit/review… need), '
  'listing_version, district_code, rejection_reason, updated_at, updated_by_email, verified_by_email and pending '
  '(the proposed fields of a published listing + status draft|in_review|rejected, reason, base_version) | null. '
  'Null when the listing does not exist or the caller is not a member of its district.';

create or replace function public.validate_listing(p_fields jsonb) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(e - 'hint' order by n), '[]')
  from jsonb_array_elements(atlas.listing_errors(p_fields)) with ordinality as t (e, n)
$$;
comment on function public.validate_listing(jsonb) is
  'The rules a listing''s fields break, as save_listing would check them: [{field, rule, message}], empty when valid.';

create or replace function public.save_listing(p_fields jsonb, p_id uuid default null, p_version integer default null)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_input jsonb;
  v_merged jsonb;
  v_norm jsonb;
  v_district text;
  v_id uuid;
  l atlas.listings;
  c atlas.listing_changes;
begin
  if jsonb_typeof(p_fields) is distinct from 'object' then
    perform atlas.raise_first_error(atlas.listing_errors(p_fields));
  end if;
  v_input := p_fields - atlas.listing_read_only_keys();

  if p_id is null then
    perform atlas.raise_first_error(atlas.listing_errors(v_input));
    v_norm := atlas.listing_normalize(v_input);
    v_district := v_norm ->> 'district_code';
    if atlas.my_district_role(v_district) is null then
      perform atlas.forbid(format('not a member of district %s', coalesce(v_district, '(city-wide)')),
        'You can add listings to your own district only; ask a city administrator for a membership.');
    end if;
    v_id := atlas.insert_draft(v_norm, 'created');
    return atlas.saved(v_id);
  end if;

  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if v_input ? 'district_code' and (v_input ->> 'district_code') is distinct from l.district_code then
    perform atlas.refuse('district_code', 'read_only', 'Saving cannot move a listing to another district.',
      'A city administrator moves listings between districts (move_listing).');
  end if;
  if l.status = 'archived' then
    perform atlas.refuse('status', 'wrong_status', 'An archived listing cannot be edited.',
      'An administrator can publish it again first.');
  end if;

  if l.status in ('draft', 'in_review') then
    v_merged := atlas.listing_fields(l) || v_input;
    perform atlas.raise_first_error(atlas.listing_errors(v_merged));
    perform atlas.patch_listing(p_id, p_version, atlas.listing_normalize(v_merged), 'edited');
    return atlas.saved(p_id);
  end if;

  -- Published: the edit becomes (or updates) the pending change; the public row stays as it is.
  v_merged := coalesce(c.fields, atlas.listing_fields(l)) || v_input;
  perform atlas.raise_first_error(atlas.listing_errors(v_merged, true));
  v_norm := atlas.listing_normalize(v_merged);
  perform atlas.set_action('edited');
  if c.listing_id is null then
    begin
      insert into atlas.listing_changes (listing_id, district_code, fields, base_fields, base_version, version, status)
      values (p_id, l.district_code, v_norm, atlas.listing_fields(l), l.version, p_version + 1, 'draft');
    exception when unique_violation then
      raise exception using errcode = 'PT409', message = 'version conflict', detail = atlas.listing_for_edit(p_id)::text,
        hint = 'Someone saved this listing after you opened it: reload it, reapply your changes and save again.';
    end;
  else
    update atlas.listing_changes as ch
    set fields = v_norm, base_fields = atlas.listing_fields(l), base_version = l.version, version = p_version + 1,
        status = case when ch.status = 'rejected' then 'draft' else ch.status end
    where ch.listing_id = p_id and ch.version = c.version;
    if not found then
      raise exception using errcode = 'PT409', message = 'version conflict', detail = atlas.listing_for_edit(p_id)::text,
        hint = 'Someone saved this listing after you opened it: reload it, reapply your changes and save again.';
    end if;
  end if;
  perform atlas.set_action(null);
  return atlas.saved(p_id);
end
$$;
comment on function public.save_listing(jsonb, uuid, integer) is
  'Saves a listing''s fields (keys as get_listing_for_edit; absent keys keep their value, null clears). No p_id: a '
  'new draft in p_fields.district_code. A draft or a listing in review: the row is updated. A published listing: '
  'the fields go into its pending change, applied only on approval. p_version = the version from '
  'get_listing_for_edit or the last save; a stale one → PT409 (409) with the current listing in details. Answers '
  '{id, slug, status, version, pending: boolean}. Invalid input → 22023, details {"field","rule"}.';

create or replace function public.submit_listing(p_id uuid, p_version integer) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if c.listing_id is not null then
    if c.status = 'in_review' then
      perform atlas.refuse('status', 'wrong_status', 'The change is already in review.', 'Wait for the review.');
    end if;
    perform atlas.set_action('submitted');
    update atlas.listing_changes set status = 'in_review', reason = null, version = p_version + 1
    where listing_id = p_id and version = c.version;
    perform atlas.set_action(null);
  elsif l.status = 'draft' then
    perform atlas.raise_first_error(atlas.listing_errors(atlas.listing_fields(l), true));
    perform atlas.patch_listing(p_id, p_version, '{"status": "in_review", "rejection_reason": null}', 'submitted');
  else
    perform atlas.refuse('status', 'wrong_status', format('A listing that is %s has nothing to submit.', l.status),
      'Edit it first: drafts and changes of published listings are submitted.');
  end if;
  return atlas.saved(p_id);
end
$$;
comment on function public.submit_listing(uuid, integer) is
  'Sends a draft, or the pending change of a published listing, to review (→ in_review). Members of the district.';

-- Approves or publishes as the caller (an administrator): applies the pending change if there is one, else
-- publishes the row; records who verified it, and when.
create or replace function atlas.publish(p_id uuid, p_version integer, p_listing atlas.listings,
                                         p_change atlas.listing_changes, p_action text) returns void
language plpgsql volatile set search_path = '' as $$
declare
  v_fields jsonb := case when p_change.listing_id is not null then p_change.fields else atlas.listing_fields(p_listing) end;
begin
  perform atlas.raise_first_error(atlas.listing_errors(v_fields, true));
  perform atlas.patch_listing(p_id, p_version,
    case when p_change.listing_id is not null then p_change.fields else '{}'::jsonb end
      || jsonb_build_object('status', 'published', 'rejection_reason', null, 'verified_by', (select auth.uid()),
                            'verified_at', current_date),
    p_action);
  delete from atlas.listing_changes where listing_id = p_id;
end
$$;
revoke all on function atlas.publish(uuid, integer, atlas.listings, atlas.listing_changes, text) from public;
grant execute on function atlas.publish(uuid, integer, atlas.listings, atlas.listing_changes, text) to authenticated;

create or replace function public.review_listing(p_id uuid, p_version integer, p_approve boolean,
                                                 p_reason text default null) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
  v_reason text := nullif(btrim(p_reason, E' \t\r\n'), '');
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if not atlas.is_district_admin(l.district_code) then
    perform atlas.forbid('only administrators of the district review listings',
      'Ask an administrator of the listing''s district to review it.');
  end if;
  if p_approve is null then
    perform atlas.refuse('approve', 'required', 'Say whether to approve or reject.', 'Pass p_approve true or false.');
  end if;
  if not p_approve then
    if v_reason is null then
      perform atlas.refuse('reason', 'required', 'A rejection needs a reason.', 'Tell the editor what to change.');
    elsif char_length(v_reason) > 2000 then
      perform atlas.refuse('reason', 'too_long', 'The reason is longer than 2000 characters.', 'Shorten the reason.');
    elsif v_reason ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]' then
      perform atlas.refuse('reason', 'control_chars', 'The reason contains control characters.', 'Remove them.');
    end if;
  end if;

  if c.listing_id is not null and c.status = 'in_review' then
    if p_approve then
      perform atlas.publish(p_id, p_version, l, c, 'approved');
    else
      perform atlas.set_action('rejected');
      update atlas.listing_changes set status = 'rejected', reason = v_reason, version = p_version + 1
      where listing_id = p_id and version = c.version;
      perform atlas.set_action(null);
    end if;
  elsif l.status = 'in_review' then
    if p_approve then
      perform atlas.publish(p_id, p_version, l, c, 'approved');
    else
      perform atlas.patch_listing(p_id, p_version, jsonb_build_object('status', 'draft', 'rejection_reason', v_reason),
                                  'rejected');
    end if;
  else
    perform atlas.refuse('status', 'wrong_status', 'Nothing of this listing is in review.',
      'Only submitted drafts and submitted changes are reviewed.');
  end if;
  return atlas.saved(p_id);
end
$$;
comment on function public.review_listing(uuid, integer, boolean, text) is
  'Administrators of the district: approve (a submitted draft is published; a submitted change is applied to the '
  'published listing) or reject with a reason (the draft goes back to draft with rejection_reason; the change '
  'becomes rejected with its reason). Records verified_by/verified_at on approval.';

create or replace function public.publish_listing(p_id uuid, p_version integer) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if not atlas.is_district_admin(l.district_code) then
    perform atlas.forbid('only administrators of the district publish listings',
      'Submit the listing for review instead.');
  end if;
  if l.status = 'published' and c.listing_id is null then
    perform atlas.refuse('status', 'wrong_status', 'The listing is already published.', 'Edit it to change it.');
  end if;
  perform atlas.publish(p_id, p_version, l, c, 'published');
  return atlas.saved(p_id);
end
$$;
comment on function public.publish_listing(uuid, integer) is
  'Administrators of the district: publish a draft, a listing in review or an archived listing; for a published '
  'listing with a pending change, apply the change. Records verified_by/verified_at.';

create or replace function public.archive_listing(p_id uuid, p_version integer) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if not atlas.is_district_admin(l.district_code) then
    perform atlas.forbid('only administrators of the district archive listings',
      'Ask an administrator of the listing''s district.');
  end if;
  if l.status = 'archived' then
    perform atlas.refuse('status', 'wrong_status', 'The listing is already archived.', 'Nothing to do.');
  end if;
  perform atlas.patch_listing(p_id, p_version, '{"status": "archived"}', 'archived');
  -- A pending proposal goes with it; its steps stay in the history (revert can bring the values back).
  delete from atlas.listing_changes where listing_id = p_id;
  return atlas.saved(p_id);
end
$$;
comment on function public.archive_listing(uuid, integer) is
  'Administrators of the district: takes a listing off the public map (status archived); discards its pending change.';

create or replace function public.move_listing(p_id uuid, p_version integer, p_district_code text) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if not atlas.is_city_admin() then
    perform atlas.forbid('only city administrators may move a listing to another district',
      'Ask a city administrator (municipal bureau) to move it.');
  end if;
  if p_district_code is null or not exists (select 1 from atlas.districts d where d.code = p_district_code) then
    perform atlas.refuse('district_code', 'unknown_district', format('Unknown district %s.', coalesce(p_district_code, 'null')),
      'Use a GB/T 2260 code from list_districts().');
  end if;
  perform atlas.patch_listing(p_id, p_version, jsonb_build_object('district_code', p_district_code), 'moved');
  update atlas.listing_changes set district_code = p_district_code,
    fields = fields || jsonb_build_object('district_code', p_district_code)
  where listing_id = p_id;
  return atlas.saved(p_id);
end
$$;
comment on function public.move_listing(uuid, integer, text) is
  'City administrators: gives a listing (and its pending change) to another district; its location must lie in '
  'the new district''s outline when that is known.';

create or replace function public.listing_history(p_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  v_district text;
begin
  select l.district_code into v_district from atlas.listings l where l.id = p_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'listing not found',
      detail = format('No listing %s that you can see.', p_id), hint = 'Check the id.';
  end if;
  if atlas.my_district_role(v_district) is null then
    perform atlas.forbid('only members of the listing''s district read its history',
      'Ask a city administrator for a membership.');
  end if;
  return coalesce((
    select jsonb_agg(jsonb_build_object(
      'id', r.id, 'version', r.version,
      'action', coalesce(r.workflow_action, case r.action when 'insert' then 'created' when 'update' then 'edited'
                                                          else 'deleted' end),
      'actor_email', atlas.email_of(r.actor), 'at', r.at, 'pending', r.pending, 'reason', r.reason,
      'changes', atlas.field_changes(r.before, r.after)) order by r.id desc)
    from atlas.revisions r where r.listing_id = p_id), '[]');
end
$$;
comment on function public.listing_history(uuid) is
  'Every revision of a listing, newest first: [{id, version, action (created|imported|edited|submitted|approved|'
  'rejected|published|archived|reverted|moved), actor_email, at, pending (a step of a pending change), reason '
  '(rejections), changes [{field, before, after}]}]. Members of the listing''s district.';

create or replace function public.revert_listing(p_id uuid, p_version integer, p_revision_id bigint) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  l atlas.listings;
  c atlas.listing_changes;
  v_after jsonb;
  v_fields jsonb;
begin
  l := atlas.load_for_write(p_id, p_version);
  select * into c from atlas.listing_changes ch where ch.listing_id = p_id;
  if not atlas.is_district_admin(l.district_code) then
    perform atlas.forbid('only administrators of the district revert listings',
      'Ask an administrator of the listing''s district.');
  end if;
  select r.after into v_after from atlas.revisions r where r.id = p_revision_id and r.listing_id = p_id;
  if v_after is null then
    perform atlas.refuse('revision_id', 'unknown_revision', 'No such revision of this listing.',
      'Pick a revision from listing_history().');
  end if;
  -- Content only: the district stays (moving is a separate right), and so does the status.
  select jsonb_object_agg(k, v_after -> k) into v_fields
  from unnest(atlas.listing_field_names()) as k where k <> 'district_code' and v_after ? k;
  v_fields := atlas.listing_fields(l) || coalesce(v_fields, '{}');
  perform atlas.raise_first_error(atlas.listing_errors(v_fields, l.status = 'published'));
  perform atlas.patch_listing(p_id, p_version, atlas.listing_normalize(v_fields) - 'district_code', 'reverted');
  return atlas.saved(p_id);
end
$$;
comment on function public.revert_listing(uuid, integer, bigint) is
  'Administrators of the district: restores the field values a revision recorded (its "after"; the district and '
  'status stay) as a new revision.';

create or replace function public.review_queue() returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(q.item order by q.at), '[]')
  from (
    select atlas.manage_row(l, c) || jsonb_build_object('type', 'listing',
             'changes', '[]'::jsonb) as item, l.updated_at as at
    from atlas.listings l left join atlas.listing_changes c on c.listing_id = l.id
    where l.status = 'in_review' and atlas.is_district_admin(l.district_code)
    union all
    select atlas.manage_row(l, c) || jsonb_build_object('type', 'change',
             'changes', atlas.field_changes(atlas.listing_fields(l), atlas.listing_fields(l) || c.fields)), c.updated_at
    from atlas.listing_changes c join atlas.listings l on l.id = c.listing_id
    where c.status = 'in_review' and atlas.is_district_admin(c.district_code)
  ) as q
$$;
comment on function public.review_queue() is
  'What waits for the caller''s review (administrators; others get []), oldest first: manage_listings rows plus '
  'type (listing = a submitted draft, change = a submitted change of a published listing) and changes '
  '[{field, before, after}] of a change against the public listing.';

create or replace function public.import_listings(p_rows jsonb, p_dry_run boolean default true) returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_row jsonb;
  v_index integer;
  v_errors jsonb;
  v_district text;
  v_results jsonb := '[]';
  v_imported integer := 0;
  v_id uuid;
begin
  if not exists (select 1 from atlas.memberships m
                 where m.user_id = (select auth.uid()) and m.role in ('city_admin', 'district_admin')) then
    perform atlas.forbid('only administrators import listings', 'Ask an administrator of your district.');
  end if;
  if jsonb_typeof(p_rows) is distinct from 'array' then
    perform atlas.refuse('rows', 'wrong_type', 'The rows must be a JSON array.', 'Send an array of listing objects.');
  end if;
  if jsonb_array_length(p_rows) > 5000 then
    perform atlas.refuse('rows', 'too_long', 'At most 5000 rows can be imported at once.', 'Split the file.');
  end if;
  for v_row, v_index in select e, (n - 1)::integer from jsonb_array_elements(p_rows) with ordinality as t (e, n) loop
    v_errors := atlas.listing_errors(case when jsonb_typeof(v_row) = 'object'
                                          then v_row - atlas.listing_read_only_keys() else v_row end);
    if jsonb_array_length(v_errors) = 0 then
      v_district := nullif(btrim(v_row ->> 'district_code'), '');
      if not atlas.is_district_admin(v_district) then
        v_errors := jsonb_build_array(atlas.rule_error('district_code', 'not_allowed',
          format('You do not administer district %s.', coalesce(v_district, '(city-wide)')),
          'Import rows of the districts you administer only.'));
      end if;
    end if;
    v_id := null;
    if jsonb_array_length(v_errors) = 0 and not coalesce(p_dry_run, true) then
      v_id := atlas.insert_draft(atlas.listing_normalize(v_row - atlas.listing_read_only_keys()), 'imported');
      v_imported := v_imported + 1;
    end if;
    v_results := v_results || jsonb_strip_nulls(jsonb_build_object(
      'index', v_index, 'ok', jsonb_array_length(v_errors) = 0,
      'errors', (select coalesce(jsonb_agg(e - 'hint' order by n), '[]') from jsonb_array_elements(v_errors) with ordinality as t (e, n)),
      'id', v_id));
  end loop;
  return jsonb_build_object('rows', v_results, 'imported', v_imported);
end
$$;
comment on function public.import_listings(jsonb, boolean) is
  'Administrators: validates rows (save_listing''s p_fields) with the same rules as saving and answers '
  '{rows [{index, ok, errors [{field, rule, message}], id?}], imported}. p_dry_run (default true) writes nothing; '
  'otherwise the valid rows become drafts, all in this one transaction.';

-- get_listing gains verified_by (same jsonb type, so replaced in place): who last approved or published it, as
-- the public may see it (display name, role, district; never an email).
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
    'verified_at', l.verified_at, 'verified_by', atlas.public_verifier(l.verified_by),
    'notes', l.notes, 'version', l.version,
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
  'verified_by {name (display name or null), role, district_code, district_name_zh, district_name_en} | null '
  '(who last approved or published it), status and version; null when not found or not visible to the caller '
  '(drafts are visible to members of the listing''s district only).';

-- ---------------------------------------------------------------------------------------------------------------
-- API: members
-- ---------------------------------------------------------------------------------------------------------------

create or replace function public.can_manage_members(p_district text) returns boolean
language sql stable security invoker set search_path = '' as $$
  select atlas.can_manage_members(p_district)
$$;
comment on function public.can_manage_members(text) is
  'True when the caller may create accounts for and grant memberships in the district (null = city-wide): city '
  'admins anywhere, district admins in their district (editor accounts only).';

create or replace function public.can_manage_user(p_user_id uuid) returns boolean
language sql stable security invoker set search_path = '' as $$
  select atlas.can_manage_user(p_user_id)
$$;
comment on function public.can_manage_user(uuid) is
  'True when the caller may act on this account (disable, enable, reset): city admins for anyone else; district '
  'admins for users who are only editors of districts they administer. Check it before any service-role action.';

create or replace function public.list_members(p_district text default null) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'user_id', m.user_id, 'email', a.email, 'district_code', m.district_code, 'role', m.role,
    'disabled', coalesce(a.disabled, false), 'created_at', m.created_at)
    order by m.district_code nulls first, case m.role when 'city_admin' then 1 when 'district_admin' then 2 else 3 end,
             a.email), '[]')
  from atlas.memberships m
  left join lateral atlas.account_of(m.user_id) as a on true
  where atlas.is_district_admin(m.district_code)
    and (p_district is null or m.district_code = p_district)
$$;
comment on function public.list_members(text) is
  'Memberships the caller administers (district admins: their districts; city admins: all, p_district filters): '
  '[{user_id, email, district_code, role, disabled, created_at}]; [] for others.';

create or replace function public.grant_membership(p_user_id uuid, p_district text, p_role text) returns void
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_existing text;
begin
  if p_role is null or p_role not in ('city_admin', 'district_admin', 'district_editor') then
    perform atlas.refuse('role', 'unknown_value', format('Unknown role %s.', coalesce(p_role, 'null')),
      'Use city_admin, district_admin or district_editor.');
  end if;
  if (p_role = 'city_admin') <> (p_district is null) then
    perform atlas.refuse('district_code', 'required',
      case when p_role = 'city_admin' then 'A city administrator is city-wide: give no district.'
           else 'A district role needs a district.' end,
      'city_admin goes with district null; the other roles with a district code.');
  end if;
  if p_district is not null and not exists (select 1 from atlas.districts d where d.code = p_district) then
    perform atlas.refuse('district_code', 'unknown_district', format('Unknown district %s.', p_district),
      'Use a GB/T 2260 code from list_districts().');
  end if;
  if not atlas.can_manage_members(p_district) then
    perform atlas.forbid('you may not manage the members of this district',
      'City administrators manage every district; district administrators their own.');
  end if;
  if not atlas.is_city_admin() then
    select m.role into v_existing from atlas.memberships m
    where m.user_id = p_user_id and m.district_code = p_district;
    if p_role <> 'district_editor' or v_existing in ('district_admin', 'city_admin') then
      perform atlas.forbid('district administrators manage editor memberships only',
        'Ask a city administrator to grant or change administrator roles.');
    end if;
  end if;
  if p_user_id = (select auth.uid()) then
    perform atlas.forbid('you cannot change your own membership', 'Ask another administrator.');
  end if;
  if not exists (select 1 from atlas.account_of(p_user_id)) then
    perform atlas.refuse('user_id', 'unknown_user', 'No such account.', 'Create the account first.');
  end if;
  insert into atlas.memberships (user_id, district_code, role) values (p_user_id, p_district, p_role)
  on conflict (user_id, district_code) do update set role = excluded.role;
end
$$;
comment on function public.grant_membership(uuid, text, text) is
  'Gives a user a role in a district (city_admin: p_district null), or changes it. City admins: any role; district '
  'admins: district_editor in their district only. Not on oneself.';

create or replace function public.revoke_membership(p_user_id uuid, p_district text) returns void
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_role text;
begin
  if not atlas.can_manage_members(p_district) then
    perform atlas.forbid('you may not manage the members of this district',
      'City administrators manage every district; district administrators their own.');
  end if;
  if p_user_id = (select auth.uid()) then
    perform atlas.forbid('you cannot revoke your own membership', 'Ask another administrator.');
  end if;
  select m.role into v_role from atlas.memberships m
  where m.user_id = p_user_id and m.district_code is not distinct from p_district;
  if v_role is null then
    raise exception using errcode = 'PT404', message = 'membership not found',
      hint = 'list_members() shows the memberships you manage.';
  end if;
  if v_role <> 'district_editor' and not atlas.is_city_admin() then
    perform atlas.forbid('district administrators manage editor memberships only',
      'Ask a city administrator to remove an administrator.');
  end if;
  delete from atlas.memberships m where m.user_id = p_user_id and m.district_code is not distinct from p_district;
end
$$;
comment on function public.revoke_membership(uuid, text) is
  'Removes a user''s role in a district (null = their city admin role). City admins: any; district admins: editors '
  'of their district. Not on oneself (so the last city admin stays).';

-- ---------------------------------------------------------------------------------------------------------------
-- Who may call what: the editing API is for signed-in users only (anon gets 401 before any SQL runs).
-- ---------------------------------------------------------------------------------------------------------------

revoke execute on function public.manage_listings(text, text, text, integer, integer),
  public.get_listing_for_edit(uuid), public.validate_listing(jsonb), public.save_listing(jsonb, uuid, integer),
  public.submit_listing(uuid, integer), public.review_listing(uuid, integer, boolean, text),
  public.publish_listing(uuid, integer), public.archive_listing(uuid, integer),
  public.move_listing(uuid, integer, text), public.listing_history(uuid), public.revert_listing(uuid, integer, bigint),
  public.review_queue(), public.import_listings(jsonb, boolean), public.can_manage_members(text),
  public.can_manage_user(uuid), public.list_members(text), public.grant_membership(uuid, text, text),
  public.revoke_membership(uuid, text) from public, anon, authenticated;

grant execute on function public.manage_listings(text, text, text, integer, integer),
  public.get_listing_for_edit(uuid), public.validate_listing(jsonb), public.save_listing(jsonb, uuid, integer),
  public.submit_listing(uuid, integer), public.review_listing(uuid, integer, boolean, text),
  public.publish_listing(uuid, integer), public.archive_listing(uuid, integer),
  public.move_listing(uuid, integer, text), public.listing_history(uuid), public.revert_listing(uuid, integer, bigint),
  public.review_queue(), public.import_listings(jsonb, boolean), public.can_manage_members(text),
  public.can_manage_user(uuid), public.list_members(text), public.grant_membership(uuid, text, text),
  public.revoke_membership(uuid, text) to authenticated;

-- get_listing keeps its grants (anon, authenticated, service_role): replaced in place, not dropped.
