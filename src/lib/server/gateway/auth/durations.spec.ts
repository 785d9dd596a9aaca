import { describe, expect, it } from 'vitest';
import { parseGoDuration } from './durations.ts';

describe('parseGoDuration', () => {
	it('reads Go durations as milliseconds', () => {
		expect(parseGoDuration('876000h')).toBe(876000 * 3_600_000);
		expect(parseGoDuration('1h30m')).toBe(90 * 60_000);
		expect(parseGoDuration('1.5s')).toBe(1500);
		expect(parseGoDuration('-2m')).toBe(-120_000);
		expect(parseGoDuration('0')).toBe(0);
		expect(parseGoDuration('250ms')).toBe(250);
	});

	it('rejects anything else', () => {
		for (const text of ['', 'forever', '10', 'h', '1d', '1h junk', '0x']) expect(parseGoDuration(text)).toBeNull();
	});
});
