-- The map's listing features carry only what the map uses: the id (feature-state), the slug (a click selects the
-- listing), kind and first sector (symbol and colour) and the two names (labels in either language). `sectors`,
-- `precision`, `event_start` and `event_end` were never read by the map (filters run in SQL; the panel loads the
-- listing), yet every one of them was parsed in MapLibre's worker and, because the layer is loaded by URL, copied
-- back to the page's main thread (GeoJSONWorkerSource.loadData returns the data it fetched): at 100k listings
-- that copy is the longest main-thread task of a sector toggle. Four of ten properties fewer, ~25 % fewer bytes.

create or replace function atlas.listing_map_feature(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select case when p_listing.lon is null then null else json_build_object(
    'type', 'Feature',
    'geometry', json_build_object('type', 'Point',
                                  'coordinates', json_build_array(round(p_listing.lon::numeric, 6), round(p_listing.lat::numeric, 6))),
    'properties', json_build_object(
      'id', p_listing.id, 'slug', p_listing.slug, 'kind', p_listing.kind,
      'sector', (p_listing.sectors::text[])[1],
      'name_zh', p_listing.name_zh, 'name_en', p_listing.name_en))::text end
$$;

-- Existing rows get the slimmer feature without counting as edits: with the table's own triggers off, the update
-- neither bumps each listing's version and updated_at nor records a revision (the listing did not change; a
-- derived column did). The data version is bumped once, so no cached map_features URL serves the old shape.
alter table atlas.listings disable trigger user;
update atlas.listings as l set map_feature = atlas.listing_map_feature(l)::json where l.map_feature is not null;
alter table atlas.listings enable trigger user;
update atlas.listings_data_version set version = version + 1;
