-- Pinyin is derived on every write of a listing or place (its name's pinyin and initials, its address's and its
-- district's pinyin for search): three to four calls of atlas.pinyin_parts a row. Each took about 1 ms: its join of
-- a text's characters with atlas.hanzi_pinyin was planned for string_to_table's default estimate of 1,000
-- characters, as a hash of all 6,763 readings, built again on every call. Each character's reading is now looked up
-- by primary key (about 0.05 ms a call), as atlas.name_sort_key does (20260116000000). Same results.
create or replace function atlas.pinyin_parts(p_text text) returns text[]
language sql stable parallel safe set search_path = '' as $$
  select array[
    coalesce(string_agg(coalesce(r.pinyin, lower(c.ch)), '' order by c.i), ''),
    coalesce(string_agg(coalesce(left(r.pinyin, 1), lower(c.ch)), '' order by c.i), '')
  ]
  from string_to_table(coalesce(p_text, ''), null) with ordinality as c (ch, i),
       lateral (select (select hp.pinyin from atlas.hanzi_pinyin as hp where hp.ch = c.ch) as pinyin) as r
$$;
