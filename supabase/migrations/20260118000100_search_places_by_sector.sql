-- The search box's area suggestions find an area by its sectors' words, as the list finds its listings
-- (20260118000000): `jewelry` suggested 1 area and `jewellery` 3, `glasses` 1 and `eyewear` 2, `clothing` none.
-- A place's search text (map_places' `search`, which the suggestions match in the browser) gets the same words.

-- The words a search finds a listing or a place of these sectors by: each sector's names in Chinese and English,
-- the full pinyin of the Chinese one, and atlas.sector_search_words.
create function atlas.sectors_search_text(p_codes text[]) returns text
language sql stable parallel safe set search_path = '' as $$
  select string_agg(concat_ws(' ', s.name_zh, s.name_en, (atlas.pinyin_parts(s.name_zh))[1],
                              atlas.sector_search_words(s.code)), ' ' order by s.sort_order)
  from atlas.sectors as s where s.code = any (p_codes)
$$;
revoke all on function atlas.sectors_search_text(text[]) from public;
-- called as the writer of a listing or a place
grant execute on function atlas.sectors_search_text(text[]) to authenticated, service_role;

-- As in 20260118000000, through atlas.sectors_search_text.
create or replace function atlas.listing_search_text(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select lower(concat_ws(' ', p_listing.name_zh, p_listing.name_en, p_listing.name_pinyin,
                         p_listing.address_zh, p_listing.address_en, (atlas.pinyin_parts(p_listing.address_zh))[1],
                         p_listing.slug, d.name_zh, d.name_en, atlas.to_pinyin(d.name_zh),
                         atlas.sectors_search_text(p_listing.sectors::text[])))
  from (select 1) as one
  left join atlas.districts d on d.code = p_listing.district_code
$$;

-- Runs after places_before_write (the triggers of one event run in name order), which sets the search text from
-- the place's names; this adds its sectors' words.
create function atlas.places_add_sector_search_text() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.search_text := concat_ws(' ', new.search_text, lower(atlas.sectors_search_text(new.sectors::text[])));
  return new;
end
$$;
revoke all on function atlas.places_add_sector_search_text() from public;
create trigger places_set_search_text before insert or update on atlas.places
  for each row execute function atlas.places_add_sector_search_text();

-- The places already there get their sectors' words once (places_before_write, which would write the date of the
-- change, stays off: this is not an edit).
alter table atlas.places disable trigger places_before_write;
update atlas.places set search_text = search_text;
alter table atlas.places enable trigger places_before_write;
