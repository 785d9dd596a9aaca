import { describe, expect, it } from 'vitest';
import { leftOutByFilters } from './selection-filters';

const today = new Date('2024-10-20T12:00:00Z');
const none = { sectors: [], kinds: [], datePreset: null, from: null, to: null };
const ttf = { id: 'ttf', kind: 'enterprise' as const, sectors: ['jewellery' as const], event_start: null, event_end: null };
const week = { id: 'sfw', kind: 'event' as const, sectors: ['apparel' as const], event_start: '2024-10-18', event_end: '2024-10-26' };
const longList = { total: 120, rows: [{ id: 'a' }, { id: 'b' }] };

describe('leftOutByFilters', () => {
	it('is false for a listing among the rows loaded, true for one missing from a list loaded whole', () => {
		expect(leftOutByFilters(ttf, { ...none, sectors: ['apparel'] }, { total: 2, rows: [{ id: 'ttf' }, { id: 'x' }] }, today)).toBe(false);
		expect(leftOutByFilters(ttf, none, { total: 2, rows: [{ id: 'a' }, { id: 'b' }] }, today)).toBe(true);
	});

	it('applies the sector, kind and date rules of the database to a longer list', () => {
		expect(leftOutByFilters(ttf, { ...none, sectors: ['apparel'] }, longList, today)).toBe(true);
		expect(leftOutByFilters(ttf, { ...none, sectors: ['apparel', 'jewellery'] }, longList, today)).toBeNull();
		expect(leftOutByFilters(ttf, { ...none, kinds: ['event'] }, longList, today)).toBe(true);
		// a listing of several sectors is in 'multi' only
		expect(leftOutByFilters({ ...ttf, sectors: [] }, { ...none, sectors: ['multi'] }, longList, today)).toBeNull();
		expect(leftOutByFilters({ ...ttf, sectors: [] }, { ...none, sectors: ['apparel'] }, longList, today)).toBe(true);
		// an event overlapping the window is in; one before it is out; dates do not filter enterprises
		expect(leftOutByFilters(week, { ...none, datePreset: 'week' }, longList, today)).toBeNull();
		expect(leftOutByFilters(week, { ...none, from: '2024-11-01' }, longList, today)).toBe(true);
		expect(leftOutByFilters(week, { ...none, to: '2024-10-17' }, longList, today)).toBe(true);
		expect(leftOutByFilters(ttf, { ...none, from: '2030-01-01' }, longList, today)).toBeNull();
	});
});
