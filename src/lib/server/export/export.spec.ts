import { describe, expect, it } from 'vitest';
import { BOM, csvField, csvLine, parseCsv } from './csv.ts';
import { icsEvent, icsLine, icsText } from './ics.ts';
import { pagedStream } from './stream.ts';

describe('CSV', () => {
	it('quotes what needs quoting and guards against formulas', () => {
		expect(csvField('水贝, "IBC"')).toBe('"水贝, ""IBC"""');
		expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
		expect(csvField(-3)).toBe('-3');
		expect(csvField(null)).toBe('');
		expect(csvField(['a', 'b'])).toBe('a b');
	});

	it('round-trips Chinese text, commas, quotes and line breaks', () => {
		const rows = [['名称', 'note'], ['深圳·水贝珠宝', 'a, "b"\nc']];
		expect(parseCsv(BOM + rows.map(csvLine).join(''))).toEqual(rows);
	});
});

describe('iCalendar', () => {
	it('escapes text and folds long lines at 75 octets without splitting characters', () => {
		expect(icsText('a;b,c\nd')).toBe('a\\;b\\,c\\nd');
		const folded = icsLine(`SUMMARY:${'时'.repeat(40)}`);
		for (const line of folded.split('\r\n').filter(Boolean)) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
		expect(folded.replace(/\r\n /g, '')).toBe(`SUMMARY:${'时'.repeat(40)}\r\n`);
	});

	it('writes an all-day event with an exclusive end date', () => {
		const text = icsEvent(
			{ slug: 'sz-fashion-week', name: '深圳时装周', event_start: '2026-03-01', event_end: '2026-03-05', venue: null, lon: 114.1, lat: 22.5, url: 'https://x/listing/sz', description: 'd', updated_at: '2026-01-01T00:00:00Z' },
			'x',
			new Date('2026-02-01T00:00:00Z')
		);
		expect(text).toContain('DTSTART;VALUE=DATE:20260301\r\n');
		expect(text).toContain('DTEND;VALUE=DATE:20260306\r\n');
		expect(text).toContain('GEO:22.5;114.1\r\n');
	});
});

describe('pagedStream', () => {
	it('fetches pages only as the consumer reads, and ends with the count', async () => {
		const pages = [[1, 2], [3, 4], [5]];
		let fetched = 1;
		const stream = pagedStream<number>({
			first: pages[0]!,
			pageSize: 2,
			next: async (last) => (fetched++, pages.find((p) => p[0] === last + 1) ?? []),
			head: () => '[',
			row: (n, i) => `${i ? ',' : ''}${n}`,
			tail: (count) => `]${count}`
		});
		const reader = stream.getReader();
		await reader.read(); // head
		expect(fetched).toBeLessThanOrEqual(2);
		let text = '[';
		for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
		expect(text).toBe('[1,2,3,4,5]5');
		expect(fetched).toBe(3);
	});
});
