// The fixed lists the data may use: the same as the database's checks (supabase/migrations/*_create_atlas_schema.sql),
// so a file that passes `npm run data:check` also loads.

export const SECTOR_CODES = [
	'apparel', 'furniture', 'watches', 'jewellery', 'lingerie', 'leather', 'eyewear', 'cosmetics', 'arts_crafts'
] as const;
export const PLACE_KINDS = ['consumption_district', 'industry_town'] as const;
export const LISTING_KINDS = ['enterprise', 'platform', 'event'] as const;
export const LISTING_STATUSES = ['draft', 'in_review', 'published', 'archived'] as const;
export const PRECISIONS = ['address', 'street', 'subdistrict', 'estimate'] as const;

/** The data files `npm run data:check` reads, relative to data/. */
export const DATA_FILES = {
	sectors: 'sectors.json',
	districts: 'districts.json',
	places: 'places.geojson',
	listings: 'listings.json',
	excluded: 'EXCLUDED.md',
	policy: 'policy-measures.json',
	readme: 'README.md',
	reference: 'raw/places.json'
} as const;

/**
 * The phrase data/README.md must contain for `verified_at: null` to be accepted: null is allowed only with that
 * documented meaning ("verification date not recorded"), never as "unverified".
 */
export const VERIFIED_AT_NULL_MEANING = 'verification date not recorded';
