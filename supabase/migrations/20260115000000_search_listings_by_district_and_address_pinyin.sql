-- A search finds a listing by its district's name and by its address in pinyin, as it finds it by its own name in
-- Chinese, English, pinyin and initials. Before, a listing's search text held its names, its address as written and
-- its slug. A search for a district (罗湖, luohu, Luohu, 福田, Futian) found only the listings whose address spells
-- it, and then only in Chinese; the same place in pinyin found fewer (大浪: 9 listings, dalang: 2).

-- What a listing is found by: its names (Chinese, English, pinyin and initials), its address as written and in full
-- pinyin, its slug, and its district's names (罗湖区, Luohu District, luohuqu, lhq). Not the address's initials: a long
-- address's string of initials holds most two-letter searches by chance (艺之卉百年时尚博物馆: yzhbnssbwg, "sb").
create or replace function atlas.listing_search_text(p_listing atlas.listings) returns text
language sql stable set search_path = '' as $$
  select lower(concat_ws(' ', p_listing.name_zh, p_listing.name_en, p_listing.name_pinyin,
                         p_listing.address_zh, p_listing.address_en, (atlas.pinyin_parts(p_listing.address_zh))[1],
                         p_listing.slug, d.name_zh, d.name_en, atlas.to_pinyin(d.name_zh)))
  from (select 1) as one
  left join atlas.districts d on d.code = p_listing.district_code
$$;
-- called by the trigger below as the writer: a signed-in member, or a service job
revoke all on function atlas.listing_search_text(atlas.listings) from public;
grant execute on function atlas.listing_search_text(atlas.listings) to authenticated, service_role;

-- Runs after listings_before_write (the triggers of one event run in name order), which sets name_pinyin; the search
-- text that one still sets is replaced here.
create or replace function atlas.listings_set_search_text() returns trigger
language plpgsql set search_path = '' as $$
begin
  new.search_text := atlas.listing_search_text(new);
  return new;
end
$$;
revoke all on function atlas.listings_set_search_text() from public;

drop trigger if exists listings_set_search_text on atlas.listings;
create trigger listings_set_search_text before insert or update on atlas.listings
  for each row execute function atlas.listings_set_search_text();

-- The listings already there get the new search text. Rewriting it is not an edit: the triggers that record an
-- edit (authorship, version, revision) stay off for this one update; the explorer's index and the data version follow
-- it through their own triggers, so cached searches of the old text are not served again.
alter table atlas.listings disable trigger listings_before_write, disable trigger listings_record_revision;
update atlas.listings as l set search_text = atlas.listing_search_text(l);
alter table atlas.listings enable trigger listings_before_write, enable trigger listings_record_revision;
