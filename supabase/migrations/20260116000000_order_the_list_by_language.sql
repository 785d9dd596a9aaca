-- The explorer's list is ordered for the reader's language. Before, it was ordered by the Chinese name's code
-- points in both languages: an English reader saw "2022 Shenzhen…", "CHIC…", "TTF…", then "“Dalang Cup”…" after
-- them (its Chinese name starts with a quotation mark), in no order they could follow; a Chinese reader saw 中 before
-- 东 and 大 (by code point), not in the pinyin order of a Chinese directory.
-- - Chinese: as Chinese collation orders names (Unicode CLDR's, the browser's Intl.Collator('zh-CN'), which orders
--   the site's short lists): digits first, then Chinese names by pinyin, syllable by syllable (东方…, dong, before
--   中国…, zhong), then names in Latin letters (CHIC…, TTF…). Tones are not known here: 时 and 市 (shi) are alike;
-- - English: by the English name (the pinyin of the Chinese one where there is none);
-- - both: case, spaces and punctuation are left out, so “大浪杯” files under d, not after z.
-- map_summary takes the language as p_lang ('zh', the default, or 'en'); its other arguments and its result are
-- as before.

-- A name's sort key for a reader of p_lang: Hanzi become their pinyin and a space (so 西安, "xi an ", sorts before 先,
-- "xian "), letters and digits are lower-cased, everything else is left out. For Chinese, a Latin letter is marked
-- with '~' (after z), so it sorts after every Hanzi, as Chinese collation has it. Each character's reading is looked
-- up by primary key: a join would be planned for string_to_table's default estimate of 1,000 characters, a hash of
-- all 6,763 readings per call (1 ms a name, against 0.05 ms).
create or replace function atlas.name_sort_key(p_name text, p_lang text) returns text
language sql stable parallel safe set search_path = '' as $$
  select coalesce(string_agg(case when r.pinyin is not null then r.pinyin || ' '
                                  when p_lang = 'zh' and c.ch ~ '^[A-Za-z]$' then '~' || lower(c.ch)
                                  when c.ch ~ '^[[:alnum:]]$' then lower(c.ch)
                                  else '' end, '' order by c.i), '')
  from string_to_table(coalesce(p_name, ''), null) with ordinality as c (ch, i),
       lateral (select (select hp.pinyin from atlas.hanzi_pinyin as hp where hp.ch = c.ch) as pinyin) as r
$$;
revoke all on function atlas.name_sort_key(text, text) from public;

-- sort_name becomes the Chinese order; sort_en is the English one. Both compare byte by byte ("C"), the same on any
-- database, whatever its default collation.
drop index atlas.explorer_index_order_idx;
alter table atlas.explorer_index alter column sort_name type text collate "C",
  add column sort_en text collate "C" not null default '';
alter table atlas.explorer_index alter column sort_en drop default;
comment on column atlas.explorer_index.sort_name is 'The list''s order in Chinese: atlas.name_sort_key(coalesce(name_zh, name_en), ''zh''), then slug';
comment on column atlas.explorer_index.sort_en is 'The list''s order in English: atlas.name_sort_key(coalesce(name_en, name_zh), ''en''), then slug';

update atlas.explorer_index as x
set sort_name = atlas.name_sort_key(coalesce(l.name_zh, l.name_en), 'zh'),
    sort_en = atlas.name_sort_key(coalesce(l.name_en, l.name_zh), 'en')
from atlas.listings as l where l.id = x.listing_id;
create index explorer_index_order_idx on atlas.explorer_index (sort_name, slug);
create index explorer_index_order_en_idx on atlas.explorer_index (sort_en, slug);
analyze atlas.explorer_index;

-- As in 20260110000100, with the two sort keys.
create or replace function atlas.explorer_index_sync() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if tg_op in ('UPDATE', 'DELETE') then
    delete from atlas.explorer_index as x using old_rows as o where x.listing_id = o.id;
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    insert into atlas.explorer_index (listing_id, kind, sectors, located, sort_name, sort_en, slug, search_text,
                                      event_start, event_end)
    select n.id, n.kind, n.sectors::text[], n.lon is not null, atlas.name_sort_key(coalesce(n.name_zh, n.name_en), 'zh'),
           atlas.name_sort_key(coalesce(n.name_en, n.name_zh), 'en'), n.slug, n.search_text, n.event_start, n.event_end
    from new_rows as n where n.status = 'published';
  end if;
  return null;
end
$$;

-- As in 20260111000000, ordered by p_lang's key.
drop function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer);
create function atlas.explorer_index_page(p_sectors text[], p_kinds text[], p_q text, p_event_from date,
                                          p_event_to date, p_limit integer, p_offset integer, p_lang text)
returns jsonb
language plpgsql stable security definer set search_path = '' as $$
declare
  v_where text;
  v_order text;
  v_limit integer;
  v_offset integer;
  v_result jsonb;
  v_ids jsonb;
begin
  perform atlas.explorer_args_ok(p_sectors, p_kinds, p_event_from, p_event_to);
  perform atlas.check_codes('p_lang', array[p_lang], array['zh', 'en']);
  v_order := case when p_lang = 'en' then 'sort_en' else 'sort_name' end;
  v_where := format('atlas.explorer_keys_match(x.kind, x.sectors, x.search_text, x.event_start, x.event_end, '
                    '%L::text[], %L::text[], null, %L::date, %L::date)', p_sectors, p_kinds, p_event_from, p_event_to)
          || coalesce((select string_agg(case when char_length(t) >= 3
                                              then format(' and x.search_text like %L', '%' || atlas.like_escape(t) || '%')
                                              else format(' and strpos(x.search_text, %L) > 0', t) end, '')
                       -- the terms of atlas.search_patterns, unescaped
                       from regexp_split_to_table(lower(trim(coalesce(p_q, ''))), '\s+') as t
                       where t <> ''), '');
  v_limit := least(greatest(coalesce(p_limit, 50), 1), 500);
  v_offset := greatest(coalesce(p_offset, 0), 0);
  execute format($query$
    with groups as materialized (
      -- one pass, a few hundred groups at most
      select x.kind, x.sectors, x.located, count(*) as n from atlas.explorer_index as x where %1$s group by 1, 2, 3
    )
    select jsonb_build_object(
      'total', (select coalesce(sum(g.n), 0) from groups as g),
      'located', (select coalesce(sum(g.n), 0) from groups as g where g.located),
      'by_kind', coalesce((select jsonb_object_agg(k.kind, k.n) from (
                    select g.kind, sum(g.n) as n from groups as g group by 1) as k), '{}'),
      'by_sector', coalesce((select jsonb_object_agg(c.code, c.n) from (
                    select u.code, sum(g.n) as n from groups as g, unnest(g.sectors) as u (code) group by 1) as c), '{}'))
    $query$, v_where)
  into v_result;
  -- Many matches: the list-order index yields a page after reading about total/page rows. Few: a scan for the
  -- matches (OFFSET 0 keeps the order out of it), then a sort of that handful.
  execute format($query$
    select coalesce(jsonb_agg(p.listing_id order by p.sort_key, p.slug), '[]') from (
      select m.listing_id, m.sort_key, m.slug from (
        select x.listing_id, x.%5$I as sort_key, x.slug from atlas.explorer_index as x where %1$s %2$s
      ) as m order by m.sort_key, m.slug limit %3$s offset %4$s) as p
    $query$, v_where, case when (v_result ->> 'total')::bigint <= 20 * (v_limit + v_offset) then 'offset 0' else '' end,
    v_limit, v_offset, v_order)
  into v_ids;
  v_result := v_result || jsonb_build_object('ids', v_ids);
  return v_result;
end
$$;
revoke all on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer, text) from public;
grant execute on function atlas.explorer_index_page(text[], text[], text, date, date, integer, integer, text)
  to anon, authenticated, service_role;

-- As in 20260110000100, with p_lang.
drop function public.map_summary(text[], text[], text, date, date, integer, integer);
create function public.map_summary(p_sectors text[] default null, p_kinds text[] default null,
                                   p_q text default null, p_event_from date default null,
                                   p_event_to date default null, p_limit integer default 50,
                                   p_offset integer default 0, p_lang text default 'zh') returns jsonb
language sql stable security invoker set search_path = '' as $$
  with found as materialized (
    select f, array(select i::uuid from jsonb_array_elements_text(f -> 'ids') as i) as ids
    from atlas.explorer_index_page(p_sectors, p_kinds, p_q, p_event_from, p_event_to, p_limit, p_offset, p_lang) as f
  )
  select jsonb_build_object(
    'version', (select v.version from atlas.listings_data_version as v),
    'total', found.f -> 'total',
    'located', found.f -> 'located',
    'by_kind', found.f -> 'by_kind',
    'by_sector', found.f -> 'by_sector',
    -- = any (array): the page's rows by primary key, whatever the planner guesses about the page's size
    'rows', coalesce((select jsonb_agg(atlas.listing_summary(l) || jsonb_build_object('located', l.lon is not null)
                                       order by array_position(found.ids, l.id))
                      from atlas.listings as l where l.id = any (found.ids)), '[]'))
  from found
$$;
comment on function public.map_summary(text[], text[], text, date, date, integer, integer, text) is
  'The explorer''s list and counts for the same filters as map_features: {version, total, located, by_kind, '
  'by_sector, rows: [listing summary + located]}, p_limit (1–500) rows from p_offset, ordered by name for '
  'p_lang: ''zh'' (the default) by pinyin (Latin names after Chinese ones), ''en'' by the English name; case, '
  'spaces and punctuation aside.';
revoke execute on function public.map_summary(text[], text[], text, date, date, integer, integer, text) from public;
grant execute on function public.map_summary(text[], text[], text, date, date, integer, integer, text)
  to anon, authenticated, service_role;
