// SYNTHETIC data for benchmarks only: never part of the seed, never shown as real. Every generated listing is
// labelled synthetic in its names, slug and source, and carries `synthetic: true` (the database column
// atlas.listings.synthetic, which the site's start-up refuses unless ALLOW_SYNTHETIC_DATA is set).

/** A real place to scatter synthetic listings around (its published point and sectors). */
export interface Anchor {
	lon: number;
	lat: number;
	sectors: string[];
	districtCode: string | null;
	/** Relative share of the listings placed around this anchor (default 1): busier clusters get more. */
	weight?: number;
	/** Standard deviation of the scatter in km (default 1.5): a cluster's published extent. */
	spreadKm?: number;
}

export interface SyntheticListing {
	slug: string;
	kind: 'enterprise' | 'platform' | 'event';
	name_zh: string;
	name_en: string;
	sectors: string[];
	district_code: string | null;
	lon: number;
	lat: number;
	precision: 'estimate';
	status: 'published';
	synthetic: true;
	source_urls: string[];
	event_start: string | null;
	event_end: string | null;
}

const ALL_SECTORS = ['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'];
const SPREAD_KM = 1.5; // default standard deviation of the scatter around an anchor: clusters, as industry areas are
const KM_PER_DEGREE_LAT = 111.32;

/** mulberry32: a tiny seeded PRNG, so the same seed always gives the same set. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Picks an anchor with probability proportional to its weight, from one uniform draw in [0, 1). */
function anchorPicker(anchors: Anchor[]): (draw: number) => Anchor {
	const cumulative: number[] = [];
	let total = 0;
	for (const anchor of anchors) {
		total += Math.max(0, anchor.weight ?? 1);
		cumulative.push(total);
	}
	if (!(total > 0)) throw new Error('synthetic listings need at least one anchor with a positive weight');
	return (draw) => {
		const target = draw * total;
		const index = cumulative.findIndex((c) => target < c);
		return anchors[index === -1 ? anchors.length - 1 : index]!;
	};
}

/**
 * Generates `count` synthetic published listings scattered (Gaussian, σ = the anchor's spreadKm, 1.5 km by
 * default) around the anchors, chosen in proportion to their weight; 80 % enterprises, 10 % platforms, 10 % events
 * (dates in 2026); reproducibly for a given seed.
 */
export function generateSyntheticListings(count: number, anchors: Anchor[], seed = 42): SyntheticListing[] {
	if (anchors.length === 0) throw new Error('synthetic listings need at least one anchor place');
	const next = random(seed);
	const pickAnchor = anchorPicker(anchors);
	const gaussian = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
	const listings: SyntheticListing[] = [];
	for (let i = 0; i < count; i++) {
		const anchor = pickAnchor(next());
		const spreadKm = anchor.spreadKm ?? SPREAD_KM;
		const roll = next();
		const kind = roll < 0.8 ? 'enterprise' : roll < 0.9 ? 'platform' : 'event';
		const sectors = anchor.sectors.length > 0 ? anchor.sectors : [ALL_SECTORS[Math.floor(next() * ALL_SECTORS.length)]!];
		const lat = clamp(anchor.lat + (gaussian() * spreadKm) / KM_PER_DEGREE_LAT, 22.45, 22.85);
		const lon = clamp(anchor.lon + (gaussian() * spreadKm) / (KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180)), 113.76, 114.6);
		const start = kind === 'event' ? new Date(Date.UTC(2026, 0, 1 + Math.floor(next() * 360))) : null;
		const end = start ? new Date(start.getTime() + Math.floor(next() * 5) * 86_400_000) : null;
		listings.push({
			slug: `synthetic-${seed}-${i}`,
			kind,
			name_zh: `合成测试条目 ${i}`,
			name_en: `Synthetic listing ${i}`,
			sectors,
			district_code: anchor.districtCode,
			lon: round6(lon),
			lat: round6(lat),
			precision: 'estimate',
			status: 'published',
			synthetic: true,
			source_urls: ['https://example.invalid/synthetic-benchmark-data'],
			event_start: start?.toISOString().slice(0, 10) ?? null,
			event_end: end?.toISOString().slice(0, 10) ?? null
		});
	}
	return listings;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round6 = (value: number) => Math.round(value * 1e6) / 1e6;
