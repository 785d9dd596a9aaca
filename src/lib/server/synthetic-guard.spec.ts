import { describe, expect, it, vi } from 'vitest';
import type { Sql } from './db/database.ts';
import { refuseSyntheticListings, SyntheticDataError } from './synthetic-guard.ts';

/** A database that answers the guard's count query with `count`. */
const databaseHolding = (count: number): Sql => ({
	query: vi.fn(async () => ({ rows: [{ count }] })) as unknown as Sql['query'],
	exec: vi.fn()
});

describe('refuseSyntheticListings', () => {
	it('passes a database without synthetic listings', async () => {
		await expect(refuseSyntheticListings(databaseHolding(0))).resolves.toBe(0);
	});

	it('refuses a database holding synthetic listings, saying how many and how to override', async () => {
		const refusal = refuseSyntheticListings(databaseHolding(1000));
		await expect(refusal).rejects.toBeInstanceOf(SyntheticDataError);
		await expect(refuseSyntheticListings(databaseHolding(1000))).rejects.toThrow(/1000 synthetic listing\(s\).*ALLOW_SYNTHETIC_DATA=1/);
	});

	it('serves them, with a warning, when explicitly allowed', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		await expect(refuseSyntheticListings(databaseHolding(3), { allow: true })).resolves.toBe(3);
		expect(warn).toHaveBeenCalledWith(expect.stringMatching(/3 SYNTHETIC/));
		warn.mockRestore();
	});
});
