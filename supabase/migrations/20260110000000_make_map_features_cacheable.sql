-- The map's listings GeoJSON becomes cacheable, so the page can start downloading it while the browser is still
-- loading MapLibre (a <link rel="prefetch"> in the server-rendered HTML) and MapLibre's worker then reads it from
-- the HTTP cache instead of waiting for the server (issue #4: navigation → map idle).
--
-- A response may only be cached if it can never go stale, so the URL names the data it shows: every write to
-- atlas.listings bumps atlas.listings_data_version, map_summary reports the current value, and the page asks for
-- map_features(..., p_v => that value). Such a request is answered with a year-long immutable Cache-Control; any
-- edit gives the next page load a new URL. Requests without p_v (other clients) are not cached, as before.
-- map_features only ever shows published listings, the same for every role, so the cached copy is public.

create table atlas.listings_data_version (
  id boolean primary key default true check (id), -- a single row
  version bigint not null default 1
);
comment on table atlas.listings_data_version is
  'A counter bumped by every statement that writes atlas.listings; names the data in cacheable map URLs.';
insert into atlas.listings_data_version default values;

alter table atlas.listings_data_version enable row level security;
create policy "anyone reads the data version" on atlas.listings_data_version for select to anon, authenticated using (true);
revoke all on atlas.listings_data_version from public, anon, authenticated;
grant select on atlas.listings_data_version to anon, authenticated, service_role;

-- Security definer: editors write listings but get no write grant on the counter.
create or replace function atlas.bump_listings_data_version() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  update atlas.listings_data_version set version = version + 1;
  return null;
end
$$;
revoke all on function atlas.bump_listings_data_version() from public;

create trigger listings_bump_data_version after insert or update or delete or truncate on atlas.listings
  for each statement execute function atlas.bump_listings_data_version();

-- map_features gains p_v (same result; only the caching differs), so the old signature goes.
drop function public.map_features(text[], text[], text, date, date);
create function public.map_features(p_sectors text[] default null, p_kinds text[] default null,
                                    p_q text default null, p_event_from date default null,
                                    p_event_to date default null, p_v bigint default null) returns json
language plpgsql stable security invoker set search_path = '' as $$
begin
  if p_v is not null then
    perform set_config('response.headers', '[{"Cache-Control": "public, max-age=31536000, immutable"}]', true);
  end if;
  return (
    select ('{"type":"FeatureCollection","features":[' ||
            coalesce(string_agg(l.map_feature, ',' order by l.slug), '') || ']}')::json
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
    where l.map_feature is not null);
end
$$;
comment on function public.map_features(text[], text[], text, date, date, bigint) is
  'The explorer''s map layer: published listings matching the filters as a GeoJSON FeatureCollection of Points '
  '(properties id, slug, kind, sector, sectors '',a,b,'', name_zh, name_en, precision, event_start, event_end). '
  'Same filters as map_summary. Meant to be loaded by URL (GET) straight into a MapLibre source. With p_v (the '
  '"version" map_summary reports) the response is cacheable for good: the URL then names one state of the data.';
revoke execute on function public.map_features(text[], text[], text, date, date, bigint) from public;
grant execute on function public.map_features(text[], text[], text, date, date, bigint) to anon, authenticated, service_role;

-- map_summary: the same, plus "version" (the data version the page puts in its map_features URL).
create or replace function public.map_summary(p_sectors text[] default null, p_kinds text[] default null,
                                              p_q text default null, p_event_from date default null,
                                              p_event_to date default null, p_limit integer default 50,
                                              p_offset integer default 0) returns jsonb
language sql stable security invoker set search_path = '' as $$
  with matched as (
    select l from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
  )
  select jsonb_build_object(
    'version', (select v.version from atlas.listings_data_version as v),
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
  'The explorer''s list and counts for the same filters as map_features: {version, total, located, by_kind, '
  'by_sector, rows: [listing summary + located]} with rows ordered by name, p_limit (1–500) from p_offset; version '
  'names the current data for a cacheable map_features(p_v) URL.';
