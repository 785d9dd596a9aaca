import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
	it('allows a burst, then one request per refill period, per key', () => {
		let now = 0;
		const limiter = createRateLimiter({ perFiveMinutes: 150, burst: 30 }, () => now);
		for (let i = 0; i < 30; i++) expect(limiter.take('a')).toBe(true);
		expect(limiter.take('a')).toBe(false);
		expect(limiter.take('b')).toBe(true);
		now += 1999;
		expect(limiter.take('a')).toBe(false);
		now += 1;
		expect(limiter.take('a')).toBe(true);
		expect(limiter.take('a')).toBe(false);
		now += 10 * 60 * 1000; // refills up to the burst, not beyond
		for (let i = 0; i < 30; i++) expect(limiter.take('a')).toBe(true);
		expect(limiter.take('a')).toBe(false);
	});
});
