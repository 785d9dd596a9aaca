// What each benchmark of `npm run bench` hands back to scripts/bench.ts, which prints them as one report.

/** One budget of an issue, checked against a figure measured in this run. */
export interface Budget {
	/** What is measured and the goal, e.g. "navigation → idle ≤ 1.2× bare (100k)". */
	name: string;
	/** The measured figure, as printed (e.g. "1.07×"). */
	measured: string;
	pass: boolean;
}

export interface BenchSection {
	title: string;
	/** Markdown: tables and notes. */
	markdown: string;
	budgets: Budget[];
}

export const median = (samples: number[]) => quantile(samples, 0.5);

/** Nearest-rank quantile (no interpolation), NaN for no samples. */
export function quantile(samples: number[], q: number): number {
	if (samples.length === 0) return Number.NaN;
	const sorted = [...samples].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '–');
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
export const passFail = (pass: boolean) => (pass ? 'PASS' : '**FAIL**');
