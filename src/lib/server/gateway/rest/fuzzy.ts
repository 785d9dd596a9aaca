// PostgREST's "Perhaps you meant…" hints come from the Haskell `fuzzyset` package (a port of fuzzyset.js):
// candidates sharing n-grams (n = 3, else 2, over letters, digits, commas and spaces) with the target are scored
// by Levenshtein similarity of the lower-cased strings and the best one scoring at least 0.33 wins.
// This is our own compact version of that recipe.
const MIN_SCORE = 0.33;

const gramText = (s: string) => s.replace(/[^\p{L}\p{N}, ]+/gu, '');

function gramsOf(s: string, size: number): Map<string, number> {
	const padded = `-${s}${'-'.repeat(Math.max(1, size - s.length))}`;
	const grams = new Map<string, number>();
	for (let i = 0; i + size <= padded.length; i++) {
		const gram = padded.slice(i, i + size);
		grams.set(gram, (grams.get(gram) ?? 0) + 1);
	}
	return grams;
}

const sharesGram = (a: Map<string, number>, b: Map<string, number>) => [...a.keys()].some((g) => b.has(g));

function levenshtein(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
			current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
		}
		previous = current;
	}
	return previous[b.length]!;
}

/** The candidate closest to `target`, or undefined when none is close enough to suggest. */
export function closestMatch(target: string, candidates: Iterable<string>): string | undefined {
	const wanted = target.toLowerCase();
	const lowered = [...candidates].map((c) => ({ original: c, value: c.toLowerCase() }));
	for (const size of [3, 2]) {
		const wantedGrams = gramsOf(gramText(wanted), size);
		let best: { original: string; score: number } | undefined;
		for (const { original, value } of lowered) {
			if (!sharesGram(wantedGrams, gramsOf(gramText(value), size))) continue;
			const score = 1 - levenshtein(wanted, value) / Math.max(wanted.length, value.length, 1);
			if (score >= MIN_SCORE && (!best || score > best.score)) best = { original, score };
		}
		if (best) return best.original;
	}
	return undefined;
}
