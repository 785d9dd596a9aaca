-- map_features with 100k listings spent ~0.9 s in PostgreSQL before the first byte: sorting the features by slug
-- (MapLibre draws them in any order), then validating as JSON the 40 MB of text it had just concatenated (the
-- text → json cast). The stored features become json — validated once, when a listing is written — and are
-- gathered with json_agg, which copies json values without parsing them again. Same signature and content; the
-- features are no longer in slug order.
alter table atlas.listings alter column map_feature type json using map_feature::json;

create or replace function public.map_features(p_sectors text[] default null, p_kinds text[] default null,
                                               p_q text default null, p_event_from date default null,
                                               p_event_to date default null, p_v bigint default null) returns json
language plpgsql stable security invoker set search_path = '' as $$
begin
  if p_v is not null then
    perform set_config('response.headers', '[{"Cache-Control": "public, max-age=31536000, immutable"}]', true);
  end if;
  return (
    select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(l.map_feature), '[]'::json))
    from atlas.explorer_listings(p_sectors, p_kinds, p_q, p_event_from, p_event_to) as l
    where l.map_feature is not null);
end
$$;
