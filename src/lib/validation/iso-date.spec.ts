import { describe, expect, it } from 'vitest';
import { isIsoDate } from './iso-date';

describe('isIsoDate', () => {
	it('takes YYYY-MM-DD days the calendar has', () => {
		expect(['2024-02-29', '2023-12-31', '2000-02-29', '0001-01-01'].map(isIsoDate)).toEqual([true, true, true, true]);
	});
	it('refuses days the calendar lacks, which Date.parse would roll over into the next month', () => {
		expect(Number.isNaN(Date.parse('2024-02-30'))).toBe(false); // why Date.parse alone is not the rule
		expect(['2024-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00'].map(isIsoDate)).toEqual(Array(7).fill(false));
		expect(isIsoDate('0000-01-01')).toBe(false); // no year 0: the database refuses it too
	});
	it('refuses other ways of writing a date', () => {
		expect(['2024-2-3', '20240203', '2024-02-03T00:00', ' 2024-02-03', ''].map(isIsoDate)).toEqual(Array(5).fill(false));
	});
});
