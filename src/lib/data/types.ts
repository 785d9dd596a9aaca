// Shapes returned by the API functions in supabase/migrations (hand-written: `supabase gen types` needs the CLI and
// Docker, which these machines lack). Keep in step with the SQL signatures.

/** The plan's nine sectors (atlas.sector_list), in its order. */
export const SECTOR_CODES = ['apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'] as const;
export type SectorCode = (typeof SECTOR_CODES)[number];
/** What a sector filter may name: a sector, or `multi`, the listings of several sectors (they name none). */
export const SECTOR_FILTERS = [...SECTOR_CODES, 'multi'] as const;
export type SectorFilter = (typeof SECTOR_FILTERS)[number];
/** The sectors a listing is filtered and counted by: its own, or `multi` when it names none (atlas.filter_sectors). */
export const filterSectors = (sectors: readonly string[]): readonly string[] => (sectors.length ? sectors : ['multi']);
/**
 * Whether an area goes with the sector filter `active`, as the map draws it (the others faint; styles.ts
 * outsideSectorFilter): no filter, an area of no sector in particular (a consumption district), or one of its
 * sectors named. `sectors` is the places layer's form: ",apparel,jewellery,".
 */
export const placeInSectorFilter = (sectors: string, active: readonly string[]): boolean =>
	active.length === 0 || sectors === ',,' || active.some((code) => sectors.includes(`,${code},`));
/** The colour of a listing or area of several sectors (none named), on the map and beside its name. */
export const SEVERAL_SECTORS_COLOUR = '#6b6b6b';
/** The kinds of listing, in the order the UI lists them. */
export const LISTING_KINDS = ['enterprise', 'platform', 'event'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];

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


/** A published figure of a place, as in the reference: value with unit, year and source. */
export interface Figure {
	metric: string;
	value: number | string;
	unit: string | null;
	year: number | string | null;
	source: string;
	note?: string | null;
}

/** The small shape of a listing in lists and map features. */
export interface ListingSummary {
	id: string;
	slug: string;
	kind: ListingKind;
	sectors: SectorCode[];
	name_zh: string | null;
	name_en: string | null;
	precision: Precision | null;
	place_id: string | null;
	event_start: string | null;
	event_end: string | null;
	/** Only in map_summary rows: whether the listing has coordinates (else it is not on the map). */
	located?: boolean;
}

/** map_summary: counts and one page of the filtered list. */
export interface MapSummary {
	/** The data version, for a cacheable map_features URL (see mapFeaturesUrl). */
	version: number;
	total: number;
	located: number;
	by_kind: Partial<Record<ListingKind, number>>;
	/** Per sector, and `multi` for the listings of several sectors. */
	by_sector: Partial<Record<SectorFilter, number>>;
	rows: ListingSummary[];
}

export interface PlaceFeatureProperties {
	id: string;
	kind: PlaceKind;
	name_zh: string;
	name_en: string;
	sector: SectorCode | null;
	sectors: string;
	precision: Precision | null;
	outlined: boolean;
	search: string;
	label_lon: number;
	label_lat: number;
}

export interface PlacesCollection {
	type: 'FeatureCollection';
	features: { type: 'Feature'; geometry: { type: 'Polygon' | 'Point'; coordinates: unknown }; properties: PlaceFeatureProperties }[];
}

export interface DistrictRef {
	code: string;
	slug: string;
	name_zh: string;
	name_en: string;
}

/** get_place: the list_places fields plus districts, published listings and counts. */
export interface PlaceDetail extends PlaceSummary {
	description_zh: string | null;
	description_en: string | null;
	outline: { type: 'Polygon'; coordinates: number[][][] } | null;
	bbox: [number, number, number, number];
	centroid: [number, number];
	lon: number | null;
	lat: number | null;
	radius_m: number | null;
	location_method: string | null;
	outline_method: string | null;
	/** The research's own rating, per aspect where it differs ("high (figures), low (location)"); null when not rated. */
	confidence: string | null;
	figures: Figure[];
	/** Subdistricts (街道) the area lies in, as the research names them (some marked "inferred"). */
	subdistricts: string[];
	/** Notable malls, markets, museums… in the area, as the research names them. */
	key_places: string[];
	plan_clause: string | null;
	sources: string[];
	/** Sources the research cites without a linkable URL (descriptions of where a fact was found). */
	source_notes: string[];
	verified_at: string | null;
	notes: string | null;
	districts: DistrictRef[];
	listings: (ListingSummary & { lon: number | null; lat: number | null })[];
	counts: { total: number; by_kind: Partial<Record<ListingKind, number>>; by_sector: Partial<Record<SectorCode, number>> };
}

/** A district government account's role (atlas.memberships.role). */
export type Role = 'city_admin' | 'district_admin' | 'district_editor';

/** atlas.public_verifier: an account as the public sees it. */
export interface Verifier {
	name: string | null;
	role: Role | null;
	district_code: string | null;
	district_name_zh: string | null;
	district_name_en: string | null;
}

/** get_listing: every field of a listing with its place and district. */
export interface ListingDetail extends ListingSummary {
	status: 'draft' | 'in_review' | 'published' | 'archived';
	summary_zh: string | null;
	summary_en: string | null;
	address_zh: string | null;
	address_en: string | null;
	lon: number | null;
	lat: number | null;
	radius_m: number | null;
	location_method: string | null;
	website: string | null;
	platform_type: string | null;
	dates_note: string | null;
	venue_zh: string | null;
	venue_en: string | null;
	/** Events: the organiser(s) and when in the year the event usually takes place, as the research words them. */
	organiser: string | null;
	usual_month: string | null;
	/** The research's own rating of the record ("medium", "low"); null when not rated (e.g. added by a district). */
	confidence: string | null;
	source_urls: string[];
	/** Sources the research cites without a linkable URL (descriptions of where a fact was found). */
	source_notes: string[];
	verified_at: string | null;
	/** Who last approved or published the listing, as the public may see it (never an email); null for seeded data. */
	verified_by: Verifier | null;
	notes: string | null;
	/** Published figures about the listing (exhibitors, revenue…), as places have them. */
	figures: Figure[];
	version: number;
	updated_at: string;
	place: { id: string; kind: PlaceKind; name_zh: string; name_en: string } | null;
	district: DistrictRef | null;
}
