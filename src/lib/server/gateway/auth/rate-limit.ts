/** Rate and burst of a token bucket, as GoTrue configures its limiters (`RATE_LIMIT_TOKEN_REFRESH`). */
export interface RateLimit {
	/** Tokens refilled per five minutes. */
	perFiveMinutes: number;
	/** Bucket size: how many requests may come at once. */
	burst: number;
}

export interface RateLimiter {
	/** Takes one token from `key`'s bucket; false when it is empty (the request must be refused). */
	take(key: string): boolean;
}

const FIVE_MINUTES_MS = 5 * 60 * 1000;
// Above this many tracked keys, buckets that have refilled completely are dropped: they behave exactly like
// absent ones, and keeping them would let a flood of distinct addresses grow the map without bound.
const PRUNE_ABOVE = 10_000;

/** In-memory token buckets per key (GoTrue uses golang.org/x/time/rate the same way, per client IP). */
export function createRateLimiter(limit: RateLimit, now: () => number): RateLimiter {
	const refillPerMs = limit.perFiveMinutes / FIVE_MINUTES_MS;
	const buckets = new Map<string, { tokens: number; at: number }>();
	const level = (bucket: { tokens: number; at: number } | undefined, at: number) =>
		bucket ? Math.min(limit.burst, bucket.tokens + (at - bucket.at) * refillPerMs) : limit.burst;

	return {
		take(key) {
			const at = now();
			const tokens = level(buckets.get(key), at);
			const allowed = tokens >= 1;
			buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at });
			if (buckets.size > PRUNE_ABOVE) {
				for (const [other, bucket] of buckets) if (level(bucket, at) >= limit.burst) buckets.delete(other);
			}
			return allowed;
		}
	};
}
