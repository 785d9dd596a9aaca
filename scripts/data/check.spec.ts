import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkData, excludedIds, formatProblem, type DataFiles } from './check.ts';
import { DATA_FILES } from './vocabulary.ts';

const dataDir = new URL('../../data/', import.meta.url);

/** The committed data files, read fresh for each test (tests mutate their copy). */
function committedFiles(): Record<string, string> {
	return Object.fromEntries(
		Object.values(DATA_FILES).map((name) => [name, readFileSync(new URL(name, dataDir), 'utf8')])
	);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The committed files with one JSON file changed by `edit`. */
function withJson(name: string, edit: (data: any) => void): DataFiles { // eslint-disable-line @typescript-eslint/no-explicit-any
	const files = committedFiles();
	const data = JSON.parse(files[name]!);
	edit(data);
	return { ...files, [name]: JSON.stringify(data) };
}

const listing = (data: Json[], slug: string) => data.find((l) => l.slug === slug)!;
const place = (data: Json, id: string) => data.features.find((f: Json) => f.properties.id === id)!;

/** The formatted problems, which must name file, record and rule. */
const messages = (files: DataFiles) => checkData(files).map(formatProblem);

describe('data:check on the committed data', () => {
	it('finds no problem', () => {
		expect(checkData(committedFiles())).toEqual([]);
	});
});

describe('data:check on one bad record of each kind', () => {
	it('reports a file that does not parse', () => {
		const files = { ...committedFiles(), [DATA_FILES.listings]: '[{"slug": "a",' };
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › - › parse: not valid JSON/));
	});

	it('reports a duplicate id', () => {
		const files = withJson(DATA_FILES.listings, (data) => data.push({ ...listing(data, 'ttf') }));
		expect(messages(files)).toContain('data/listings.json › ttf › id-unique: id is used by more than one record');
	});

	it('reports an id that is not a slug', () => {
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').slug = 'TTF Jewellery'));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › TTF Jewellery › id-format:/));
	});

	it('reports a renamed reference id (ids are stable) as dropped', () => {
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').slug = 'ttf-jewellery'));
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/EXCLUDED\.md › ttf › id-kept: reference enterprises entry is neither in data\//)
		);
	});

	it('reports an unknown sector', () => {
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').sectors = ['shoes']));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › sector: unknown sector "shoes"/));
	});

	it('reports an unknown kind', () => {
		const files = withJson(DATA_FILES.places, (data) => (place(data, 'dafen-oil-painting-village').properties.kind = 'village'));
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/places\.geojson › dafen-oil-painting-village › kind: kind "village" is not one of/)
		);
	});

	it('reports a point outside Shenzhen (lon/lat swapped)', () => {
		const files = withJson(DATA_FILES.listings, (data) => Object.assign(listing(data, 'ttf'), { lon: 22.5777, lat: 114.12861 }));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › in-shenzhen: \[22\.5777, 114\.12861\] is outside/));
	});

	it('reports a point outside the outline of its district, when the district has one', () => {
		// A made-up square around Yantian's centre, only for this test: ttf (Luohu) is not inside it.
		const square = { type: 'Polygon', coordinates: [[[114.2, 22.55], [114.3, 22.55], [114.3, 22.65], [114.2, 22.65], [114.2, 22.55]]] };
		let files = withJson(DATA_FILES.districts, (data) => (data.find((d: Json) => d.code === '440303').outline = square));
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/listings\.json › ttf › in-district: \[114\.12861, 22\.5777\] is outside the outline of district 440303/)
		);
		files = withJson(DATA_FILES.districts, (data) => (data.find((d: Json) => d.code === '440308').outline = square));
		expect(messages(files).filter((m) => m.includes('in-district'))).toEqual([]);
	});

	it('reports a polygon wound clockwise', () => {
		const files = withJson(DATA_FILES.places, (data) => place(data, 'houhai-business-area').geometry.coordinates[0].reverse());
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/places\.geojson › houhai-business-area › polygon: exterior ring is clockwise/)
		);
	});

	it('reports a ring that is not closed', () => {
		const files = withJson(DATA_FILES.places, (data) => place(data, 'houhai-business-area').geometry.coordinates[0].pop());
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/places\.geojson › houhai-business-area › polygon: exterior ring is not closed/)
		);
	});

	it('reports a self-intersecting outline', () => {
		const files = withJson(DATA_FILES.places, (data) => {
			const ring = place(data, 'houhai-business-area').geometry.coordinates[0];
			[ring[1], ring[2]] = [ring[2], ring[1]]; // swapping two vertices makes two edges cross
		});
		expect(messages(files)).toContainEqual(
			expect.stringMatching(/^data\/places\.geojson › houhai-business-area › polygon: rings cross themselves/)
		);
	});

	it('reports a record without a source URL, and a description in place of a URL', () => {
		let files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').source_urls = []));
		expect(messages(files)).toContain(
			'data/listings.json › ttf › source-url: source_urls is empty: every record needs at least one source URL'
		);
		files = withJson(DATA_FILES.places, (data) => place(data, 'dafen-oil-painting-village').properties.sources.push('http://kfd.me (mirror)'));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/places\.geojson › dafen-oil-painting-village › source-url: sources holds "http:\/\/kfd\.me \(mirror\)"/));
	});

	it('reports an invalid event date and an end before the start', () => {
		let files = withJson(DATA_FILES.listings, (data) =>
			Object.assign(listing(data, 'shenzhen-fashion-week'), { event_start: '2024-02-30', event_end: '2024-03-02' })
		);
		expect(messages(files)).toContain(
			'data/listings.json › shenzhen-fashion-week › event-dates: event_start "2024-02-30" is not a valid YYYY-MM-DD date'
		);
		files = withJson(DATA_FILES.listings, (data) =>
			Object.assign(listing(data, 'shenzhen-fashion-week'), { event_start: '2024-03-05', event_end: '2024-03-02' })
		);
		expect(messages(files)).toContain(
			'data/listings.json › shenzhen-fashion-week › event-dates: event_end 2024-03-02 is before event_start 2024-03-05'
		);
	});

	it('reports a missing zh or en name', () => {
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').name_en = ''));
		expect(messages(files)).toContain('data/listings.json › ttf › names: name_en is missing (both zh and en names are required)');
	});

	it('reports a figure without its year or source', () => {
		const files = withJson(DATA_FILES.sectors, (data) => {
			delete data[0].figures[0].source;
			data[0].figures[1].year = 'recent';
		});
		const problems = messages(files).filter((m) => m.startsWith('data/sectors.json › apparel › figure:'));
		expect(problems).toHaveLength(2);
	});

	it('reports an unknown district and an unknown place', () => {
		const files = withJson(DATA_FILES.listings, (data) => Object.assign(listing(data, 'ttf'), { district_code: '440399', place_id: 'nowhere' }));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › district: district "440399"/));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › place: place_id "nowhere"/));
	});

	it('accepts verified_at null only while data/README.md defines it, and rejects a future date', () => {
		const undocumented = { ...committedFiles(), [DATA_FILES.readme]: '# data' };
		expect(messages(undocumented)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › verified-at: verified_at is null but/));
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').verified_at = '2999-01-01'));
		expect(messages(files)).toContain('data/listings.json › ttf › verified-at: verified_at 2999-01-01 is in the future');
	});

	it('reports a synthetic listing in data/', () => {
		const files = withJson(DATA_FILES.listings, (data) => (listing(data, 'ttf').synthetic = true));
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/listings\.json › ttf › not-synthetic:/));
	});

	it('reports a reference record dropped without an EXCLUDED.md row', () => {
		const files = committedFiles();
		files[DATA_FILES.excluded] = files[DATA_FILES.excluded]!.replace(/^\| `baoli-watch` .*\n/m, '');
		expect(messages(files)).toContainEqual(expect.stringMatching(/^data\/EXCLUDED\.md › baoli-watch › id-kept:/));
	});
});

describe('excludedIds', () => {
	it('reads the id and the reason of each row', () => {
		const rows = excludedIds('| id | section | reason |\n|---|---|---|\n| `a-b` | events | no source \\| link |\n');
		expect([...rows]).toEqual([['a-b', 'no source \\| link']]);
	});
});

describe('data:check on the support measures (data/policy-measures.json)', () => {
	it('reports a figure that the quoted clause does not show', () => {
		const files = withJson(DATA_FILES.policy, (data) => (data.measures[0].cap_cny = 3000000));
		expect(messages(files)).toContainEqual(
			'data/policy-measures.json › key-technology-projects › quoted-figure: cap_cny 3000000 does not appear as "300万元" in clause_zh'
		);
	});

	it('reports a re-post without the original publisher, and an unknown listing kind', () => {
		const files = withJson(DATA_FILES.policy, (data) => {
			delete data.measures[0].sources[0].note;
			data.measures[0].applies_to.listing_kinds = ['shop'];
		});
		expect(messages(files)).toEqual(
			expect.arrayContaining([
				'data/policy-measures.json › key-technology-projects › source-kind: a re-post needs a note naming the original publisher',
				expect.stringMatching(/key-technology-projects › applies-to: listing kind "shop"/)
			])
		);
	});
});
