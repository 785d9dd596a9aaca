-- Listings: the research's own rating of how sure it is of a record ("medium", "low"). data/listings.json carries it
-- for all 111 seeded listings and atlas.places has had the same column from the start, but atlas.listings had
-- none, so the seed dropped it and the listing panel could not say how far its facts can be trusted. Research text,
-- set by the seed; not edited through save_listing (whose field list is unchanged). A database seeded before this
-- migration keeps it empty until it is seeded again.

alter table atlas.listings add column confidence text check (char_length(confidence) <= 200);
comment on column atlas.listings.confidence is
  'The research''s own rating of the record, as its compilers wrote it ("medium", "low"); null when not rated.';

-- get_listing gains confidence (same jsonb type, so replaced in place).
create or replace function public.get_listing(p_id text) returns jsonb
language sql stable security invoker set search_path = '' as $$
  select jsonb_build_object(
    'id', l.id, 'slug', l.slug, 'kind', l.kind, 'status', l.status,
    'name_zh', l.name_zh, 'name_en', l.name_en, 'summary_zh', l.summary_zh, 'summary_en', l.summary_en,
    'address_zh', l.address_zh, 'address_en', l.address_en, 'sectors', to_jsonb(l.sectors::text[]),
    'lon', l.lon, 'lat', l.lat, 'precision', l.precision, 'radius_m', l.radius_m,
    'location_method', l.location_method, 'website', l.website, 'platform_type', l.platform_type,
    'event_start', l.event_start, 'event_end', l.event_end, 'dates_note', l.dates_note,
    'venue_zh', l.venue_zh, 'venue_en', l.venue_en, 'organiser', l.organiser, 'usual_month', l.usual_month,
    'confidence', l.confidence,
    'figures', l.figures,
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
  'precision (+ radius_m, location_method), confidence (the research''s own rating), dates_note, organiser and usual_month (events), notes, verified_at (null = verification date not recorded), '
  'verified_by {name (display name or null), role, district_code, district_name_zh, district_name_en} | null '
  '(who last approved or published it), status and version; null when not found or not visible to the caller '
  '(drafts are visible to members of the listing''s district only).';
