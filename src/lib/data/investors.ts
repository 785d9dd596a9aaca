// Typed wrappers over the investor API functions (supabase/migrations/20260109000000_create_investor_functions.sql):
// the cluster view's per-area counts, any area's statistics, the plan's support measures and export pages.
import type { ApiClient } from './api';
import { parseAreaKey, type AreaSpec } from '$lib/state/explorer-url';
import { ApiError } from './catalogue';
import type { ExplorerFilterArgs } from './explorer';
import type { Figure, ListingDetail, ListingKind, PlaceKind, SectorCode, SectorFilter } from './types';

export interface Counts {
	total: number;
	located: number;
	by_kind: Partial<Record<ListingKind, number>>;
	/** Per sector; the listings of several sectors (none named) under `multi`. */
	by_sector: Partial<Record<SectorFilter, number>>;
}

export interface PlaceSummaryStats {
	id: string;
	kind: PlaceKind;
	name_zh: string;
	name_en: string;
	sectors: SectorCode[];
	district_codes: string[];
	outlined: boolean;
	precision: string | null;
	figures: Figure[];
	sources: string[];
	/** The sentence of its notes naming whose articles its mirrored sources copy (mirrors.ts), or null. */
	mirror_note: string | null;
	counts: Counts;
}

export interface DistrictSummaryStats {
	code: string;
	slug: string;
	name_zh: string;
	name_en: string;
	counts: Counts;
}

/** area_summaries: every place and district with its counts for the filters. */
export interface AreaSummaries {
	/** The newest change among the listings counted (ISO timestamp), null when none. */
	as_of: string | null;
	total: number;
	places: PlaceSummaryStats[];
	districts: DistrictSummaryStats[];
}

export interface AreaListing {
	id: string;
	slug: string;
	kind: ListingKind;
	sectors: SectorCode[];
	name_zh: string | null;
	name_en: string | null;
	precision: string | null;
	place_id: string | null;
	event_start: string | null;
	event_end: string | null;
	lon: number | null;
	lat: number | null;
}

/** area_stats: one area's statistics and its first listings. */
export interface AreaStats extends Counts {
	area: AreaSpec;
	place: Omit<PlaceSummaryStats, 'counts' | 'precision'> | null;
	district: { code: string; slug: string; name_zh: string; name_en: string } | null;
	as_of: string | null;
	by_kind_sector: Partial<Record<ListingKind, Partial<Record<SectorFilter, number>>>>;
	listings: AreaListing[];
}

export interface PolicySource {
	url: string;
	kind: 'official' | 're-post';
	note?: string;
}

/** A support measure of the plan, with the clause it comes from. */
export interface PolicyMeasure {
	id: string;
	plan_title_zh: string;
	plan_title_en: string;
	plan_document_no: string | null;
	plan_published: string | null;
	clause_ref: string | null;
	clause_heading_zh: string | null;
	clause_zh: string;
	clause_en: string;
	summary_zh: string;
	summary_en: string;
	rate_pct: number | null;
	cap_cny: number | null;
	amount_cny: number | null;
	applies_to: { listing_kinds: ListingKind[]; sectors: SectorCode[]; area_kinds: PlaceKind[] };
	sources: PolicySource[];
	notes: string | null;
	verified_at: string | null;
}

/** One listing of an export page: every public field (the detail page's, plus the district). */
export interface ExportListing
	extends AreaListing,
		Pick<ListingDetail, 'summary_zh' | 'summary_en' | 'address_zh' | 'address_en' | 'website' | 'platform_type' | 'dates_note'
			| 'venue_zh' | 'venue_en' | 'source_urls' | 'verified_at' | 'updated_at'> {
	district_code: string | null;
}

/** Counts and figures of every place and district for the explorer's filters. */
export async function loadAreaSummaries(client: ApiClient, args: ExplorerFilterArgs): Promise<AreaSummaries> {
	const { data, error } = await client.rpc('area_summaries', { ...args });
	if (error) throw new ApiError('area_summaries', error);
	return data as AreaSummaries;
}

/** An area the API refused (a polygon that crosses itself, an unknown place…): the API's reason, in English. */
export class AreaRefused extends Error {
	readonly reason: string;
	/** No such place or district (P0002), rather than an area that cannot be used as given (22023). */
	readonly unknown: boolean;
	constructor(reason: string, code: string) {
		super(reason);
		this.reason = reason;
		this.unknown = code === 'P0002';
	}
}

/**
 * Statistics of the listings in an area with the explorer's filters; `limit` listings come with them (0–500).
 * @throws AreaRefused when the API refuses the area (22023 / P0002), ApiError on other failures
 */
export async function loadAreaStats(client: ApiClient, area: AreaSpec, args: ExplorerFilterArgs, limit = 50): Promise<AreaStats> {
	const { data, error } = await client.rpc('area_stats', { p_area: area, ...args, p_limit: limit });
	if (error) {
		if (error.code === '22023' || error.code === 'P0002') throw new AreaRefused(error.message, error.code);
		throw new ApiError('area_stats', error);
	}
	return data as AreaStats;
}

/**
 * Statistics of the compared areas (area keys from the URL), in their order. An area the API refuses (a place that no
 * longer exists, say, in an old link) is left out and named in `refused`, so the others are still compared.
 * @throws ApiError when the API fails for another reason
 */
export async function loadCompareStats(client: ApiClient, keys: readonly string[], args: ExplorerFilterArgs): Promise<{ stats: AreaStats[]; refused: string[] }> {
	const results = await Promise.all(
		keys.map(async (key) => {
			const area = parseAreaKey(key);
			if (!area) return { key, stats: null };
			try {
				return { key, stats: await loadAreaStats(client, area, args, 0) };
			} catch (error) {
				if (error instanceof AreaRefused) return { key, stats: null };
				throw error;
			}
		})
	);
	return { stats: results.flatMap((r) => (r.stats ? [r.stats] : [])), refused: results.filter((r) => !r.stats).map((r) => r.key) };
}

/** The plan's support measures. */
export async function listPolicyMeasures(client: ApiClient): Promise<PolicyMeasure[]> {
	const { data, error } = await client.rpc('list_policy_measures');
	if (error) throw new ApiError('list_policy_measures', error);
	return data as PolicyMeasure[];
}

/**
 * One export page: the listings after slug `after`, by slug (keyset paging).
 * @throws AreaRefused when the API refuses the area or a filter value, ApiError on other failures
 */
export async function loadExportPage(
	client: ApiClient,
	args: ExplorerFilterArgs,
	options: { area?: AreaSpec | null; after?: string | null; limit?: number } = {}
): Promise<ExportListing[]> {
	const { data, error } = await client.rpc('export_listings', {
		...args,
		p_area: options.area ?? null,
		p_after: options.after ?? null,
		p_limit: options.limit ?? 1000
	});
	if (error) {
		if (error.code === '22023' || error.code === 'P0002') throw new AreaRefused(error.message, error.code);
		throw new ApiError('export_listings', error);
	}
	return data as ExportListing[];
}

/** Shenzhen's districts (for picking one as an area). */
export async function listDistricts(client: ApiClient): Promise<{ code: string; slug: string; name_zh: string; name_en: string }[]> {
	const { data, error } = await client.rpc('list_districts');
	if (error) throw new ApiError('list_districts', error);
	return data as { code: string; slug: string; name_zh: string; name_en: string }[];
}

/** An area's name in a language (place, district, or a drawn shape). */
export function areaName(a: AreaStats, lang: 'zh' | 'en'): string {
	const named = a.place ?? a.district;
	if (named) return (lang === 'zh' ? named.name_zh : named.name_en) || named.name_zh;
	return lang === 'zh' ? '所绘区域' : 'Drawn area';
}
