// Shapes returned by the API functions in supabase/migrations (hand-written: `supabase gen types` needs the CLI and
// Docker, which these machines lack). Keep in step with the SQL signatures.

export type SectorCode =
	| 'apparel'
	| 'furniture'
	| 'watches'
	| 'jewellery'
	| 'lingerie'
	| 'leather'
	| 'eyewear'
	| 'cosmetics'
	| 'arts_crafts';

export type PlaceKind = 'consumption_district' | 'industry_town';
export type Precision = 'address' | 'street' | 'subdistrict' | 'estimate';

export interface Sector {
	code: SectorCode;
	name_zh: string;
	name_en: string;
	colour: string;
}

export interface PlaceSummary {
	/** Stable slug, e.g. `shuibei-buxin-jewellery-cluster`. */
	id: string;
	kind: PlaceKind;
	name_zh: string;
	name_en: string;
	sectors: SectorCode[];
	district_codes: string[];
	precision: Precision | null;
}
