const UNIT_MS: Record<string, number> = {
	ns: 1e-6,
	us: 1e-3,
	µs: 1e-3,
	μs: 1e-3,
	ms: 1,
	s: 1000,
	m: 60_000,
	h: 3_600_000
};

/**
 * Parses a Go duration (`time.ParseDuration`: "876000h", "1h30m", "1.5s", "-2m", "0"), the format of the admin
 * API's `ban_duration`.
 * @returns milliseconds, or null when the text is not a Go duration
 */
export function parseGoDuration(text: string): number | null {
	const sign = text[0] === '-' || text[0] === '+' ? text[0] : '';
	const rest = text.slice(sign.length);
	if (rest === '0') return 0;
	const parts = [...rest.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)];
	if (parts.length === 0 || parts.map((p) => p[0]).join('') !== rest) return null;
	const total = parts.reduce((sum, [, value, unit]) => sum + Number(value) * UNIT_MS[unit!]!, 0);
	return sign === '-' ? -total : total;
}
