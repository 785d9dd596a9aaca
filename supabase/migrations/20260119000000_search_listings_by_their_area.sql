-- A search finds a listing by the name of the area it belongs to (its place: an industry cluster or a consumption
-- district), as it finds it by its district's: 水贝 and shuibei both list all seven listings of the Shuibei jewellery
-- cluster. Before, each found only those whose own name or address held the word (水贝 5, shuibei 6; the jewellery
-- museum there, 深圳珠宝博物馆, by neither in Chinese).
--
-- By the area's names and the full pinyin of the Chinese one; not by its initials, as for sectors (20260118000000):
-- two letters would then match whole areas by chance. Like its district's name, the area's is read when the listing
-- is written.

-- As in 20260118000100, with the place's names.
create or replace function atlas.listing_search_text(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select lower(concat_ws(' ', p_listing.name_zh, p_listing.name_en, p_listing.name_pinyin,
                         p_listing.address_zh, p_listing.address_en, (atlas.pinyin_parts(p_listing.address_zh))[1],
                         p_listing.slug, d.name_zh, d.name_en, atlas.to_pinyin(d.name_zh),
                         p.name_zh, p.name_en, (atlas.pinyin_parts(p.name_zh))[1],
                         atlas.sectors_search_text(p_listing.sectors::text[])))
  from (select 1) as one
  left join atlas.districts d on d.code = p_listing.district_code
  left join atlas.places p on p.id = p_listing.place_id
$$;

-- The listings already there get the new search text, as in 20260118000000 (not an edit: no authorship, version or
-- revision; the explorer's index and the data version follow through their own triggers).
alter table atlas.listings disable trigger listings_before_write, disable trigger listings_record_revision;
update atlas.listings as l set search_text = atlas.listing_search_text(l);
alter table atlas.listings enable trigger listings_before_write, enable trigger listings_record_revision;
