// Where `npm run data:synth` scatters synthetic listings: around the real clusters of data/places.geojson, more
// around the busier ones, as far out as each cluster's published extent.
import type { Anchor } from '../lib/synthetic-listings.ts';

interface PlaceProperties {
	id: string;
	lon: number | null;
	lat: number | null;
	sectors: string[];
	district_codes: string[];
	radius_m: number | null;
}

const MIN_SPREAD_KM = 0.3;
const MAX_SPREAD_KM = 3;

/**
 * One anchor per located place: weight = 1 + the real listings tied to it (place_id), so the synthetic set is
 * densest where the real one is; spread = the place's uncertainty radius (0.3–3 km), else the generator's default.
 */
export function anchorsFromData(
	places: { features: { properties: PlaceProperties }[] },
	listings: { place_id: string | null }[]
): Anchor[] {
	const tied = new Map<string, number>();
	for (const listing of listings) if (listing.place_id) tied.set(listing.place_id, (tied.get(listing.place_id) ?? 0) + 1);
	return places.features
		.map((feature) => feature.properties)
		.filter((place) => place.lon !== null && place.lat !== null)
		.map((place) => ({
			lon: place.lon!,
			lat: place.lat!,
			sectors: place.sectors,
			districtCode: place.district_codes[0] ?? null,
			weight: 1 + (tied.get(place.id) ?? 0),
			...(place.radius_m ? { spreadKm: Math.min(MAX_SPREAD_KM, Math.max(MIN_SPREAD_KM, place.radius_m / 1000)) } : {})
		}));
}
