-- A search finds a listing by its sectors' names too, as a reader names the trade: 珠宝, jewellery or jewelry,
-- 眼镜, eyewear or glasses. Before, a listing was found by a sector word only when its own name held it: `jewelry`
-- found 2 listings and `jewellery` 21 of the 27 in the jewellery sector, `glasses` none, `apparel` 4 of 27.
--
-- A sector is found by its names in Chinese and English (atlas.sectors), the full pinyin of the Chinese one
-- (zhubao), and the few other words below that readers use for the trade (American spellings, everyday words).
-- Not by initials: two letters would then match whole sectors by chance.

-- Other words for a sector than its names (a search term is found inside a word: `watch` in watches), fixed with
-- the plan's nine codes (atlas.sector_list).
create function atlas.sector_search_words(p_code text) returns text
language sql immutable parallel safe set search_path = '' as $$
  select case p_code
    when 'apparel' then 'clothing clothes garment 服饰'
    when 'watches' then '手表'
    when 'jewellery' then 'jewelry 首饰'
    when 'lingerie' then 'underwear'
    when 'eyewear' then 'glasses spectacles optical'
    when 'cosmetics' then 'beauty makeup 美妆'
    when 'arts_crafts' then 'handicraft 工艺品'
    else '' end
$$;
revoke all on function atlas.sector_search_words(text) from public;
-- called by atlas.listing_search_text as the writer, like it
grant execute on function atlas.sector_search_words(text) to authenticated, service_role;

-- As in 20260115000000, with the sectors' words.
create or replace function atlas.listing_search_text(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select lower(concat_ws(' ', p_listing.name_zh, p_listing.name_en, p_listing.name_pinyin,
                         p_listing.address_zh, p_listing.address_en, (atlas.pinyin_parts(p_listing.address_zh))[1],
                         p_listing.slug, d.name_zh, d.name_en, atlas.to_pinyin(d.name_zh),
                         (select string_agg(concat_ws(' ', s.name_zh, s.name_en, (atlas.pinyin_parts(s.name_zh))[1],
                                                      atlas.sector_search_words(s.code)), ' ' order by s.sort_order)
                          from atlas.sectors as s where s.code = any (p_listing.sectors::text[]))))
  from (select 1) as one
  left join atlas.districts d on d.code = p_listing.district_code
$$;

-- The listings already there get the new search text, as in 20260115000000 (not an edit: no authorship, version or
-- revision; the explorer's index and the data version follow through their own triggers).
alter table atlas.listings disable trigger listings_before_write, disable trigger listings_record_revision;
update atlas.listings as l set search_text = atlas.listing_search_text(l);
alter table atlas.listings enable trigger listings_before_write, enable trigger listings_record_revision;
