// Typed wrappers of the editing API (issue #5): one function per RPC, each taking the client first so the same call
// runs with `locals.supabase` (RLS as the signed-in user) on the server or with a fake in tests. Roles and workflow
// are enforced by the database; these functions only carry its answers and errors through unchanged.
import type { SupabaseClient } from '@supabase/supabase-js';
import type { ListingKind, Precision, Role, SectorCode } from './types';

export type { Role };
export type ListingStatus = 'draft' | 'in_review' | 'published' | 'archived';
export const LISTING_STATUSES: readonly ListingStatus[] = ['draft', 'in_review', 'published', 'archived'];

export interface Membership {
	/** null = city-wide (city_admin). */
	district_code: string | null;
	role: Role;
	district_name_zh: string | null;
	district_name_en: string | null;
	created_at: string;
}

/** The fields of a listing an editor writes (the `p_fields` of save_listing; keys as the table's columns). */
export interface ListingFields {
	kind: ListingKind;
	name_zh: string | null;
	name_en: string | null;
	summary_zh: string | null;
	summary_en: string | null;
	address_zh: string | null;
	address_en: string | null;
	sectors: SectorCode[];
	place_id: string | null;
	district_code: string | null;
	lon: number | null;
	lat: number | null;
	precision: Precision | null;
	website: string | null;
	platform_type: string | null;
	event_start: string | null;
	event_end: string | null;
	venue_zh: string | null;
	venue_en: string | null;
	source_urls: string[];
	verified_at: string | null;
}

/** A pending change of a published listing: the next revision, in review or rejected, while the old one stays public. */
export interface PendingState {
	status: 'draft' | 'in_review' | 'rejected';
	/** The rejection reason, when a reviewer rejected it. */
	reason: string | null;
}

export interface ManageListingRow {
	id: string;
	slug: string;
	kind: ListingKind;
	name_zh: string | null;
	name_en: string | null;
	district_code: string | null;
	status: ListingStatus;
	version: number;
	updated_at: string;
	updated_by_email: string | null;
	rejection_reason?: string | null;
	pending: PendingState | null;
}

export interface ManageListings {
	total: number;
	counts: Record<ListingStatus | 'pending_changes', number>;
	rows: ManageListingRow[];
}

/** get_listing_for_edit: the editable fields plus workflow state. */
export interface ListingForEdit extends ListingFields {
	id: string;
	slug?: string;
	status: ListingStatus;
	version: number;
	rejection_reason: string | null;
	pending: (Partial<ListingFields> & PendingState & { base_version: number }) | null;
}

export interface SavedListing {
	id: string;
	slug: string;
	status: ListingStatus;
	/** The next concurrency token (the pending change's version when there is one). */
	version: number;
	/** Whether the listing now has a pending change. */
	pending: boolean;
}

export interface FieldChange {
	field: string;
	before: unknown;
	after: unknown;
}

export interface HistoryEntry {
	id: number;
	version: number;
	/** created | imported | edited | submitted | approved | rejected | published | archived | reverted | moved */
	action: string;
	actor_email: string | null;
	at: string;
	/** A step of a pending change (a proposal for a published listing), not of the listing itself. */
	pending?: boolean;
	/** The reviewer's reason, on rejections. */
	reason?: string | null;
	changes: FieldChange[];
}

/** review_queue: a manage_listings row plus what kind of item it is and, for changes, what they change. */
export interface ReviewItem extends ManageListingRow {
	type: 'listing' | 'change';
	changes: FieldChange[];
}

export interface RuleError {
	field: string;
	rule: string;
	message?: string;
}

export interface ImportResult {
	rows: { index: number; ok: boolean; errors: RuleError[]; id?: string }[];
	imported: number;
}

export interface Member {
	user_id: string;
	email: string;
	district_code: string | null;
	role: Role;
	disabled: boolean;
	created_at: string;
}

export interface DistrictOption {
	code: string;
	slug: string;
	name_zh: string;
	name_en: string;
	lon: number | null;
	lat: number | null;
	has_outline: boolean;
}

/**
 * A failed editing call. Keeps what the UI branches on: PostgREST's `code` (SQLSTATE, `PT409` for a version
 * conflict, `PGRST301` for an expired token), the HTTP `status` and the raw `details` (JSON text for 22023
 * `{field, rule}` and for conflicts). The database's message is kept for logs only, never shown.
 */
export class ManageApiError extends Error {
	readonly fn: string;
	readonly code: string;
	readonly status: number;
	readonly details: string | null;
	readonly hint: string | null;
	constructor(fn: string, status: number, error: { code?: string; message: string; details?: string | null; hint?: string | null }) {
		super(`${fn} failed (${status}): ${error.code ?? ''} ${error.message}`);
		this.name = 'ManageApiError';
		this.fn = fn;
		this.code = error.code ?? '';
		this.status = status;
		this.details = error.details ?? null;
		this.hint = error.hint ?? null;
	}

	/** Someone else saved a newer version (HTTP 409 / PT409). */
	get isConflict(): boolean {
		return this.status === 409 || this.code === 'PT409';
	}

	/** The session is gone or expired (the user must sign in again; typed input is kept by the caller). */
	get isUnauthenticated(): boolean {
		return this.status === 401 || this.code === 'PGRST301' || this.code === 'PGRST303';
	}

	/** The database refused an input value: errcode 22023 with `detail` = `{"field","rule"}`. */
	get ruleError(): RuleError | null {
		if (this.code !== '22023' || !this.details) return null;
		const parsed = parseJson(this.details);
		if (parsed && typeof parsed === 'object' && typeof (parsed as RuleError).field === 'string' && typeof (parsed as RuleError).rule === 'string') {
			return { field: (parsed as RuleError).field, rule: (parsed as RuleError).rule };
		}
		return null;
	}

	/** A conflict's current values (`details` = JSON of the listing as now stored). */
	get currentValues(): Record<string, unknown> | null {
		if (!this.isConflict || !this.details) return null;
		const parsed = parseJson(this.details);
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
	}
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** Calls one RPC and returns its data, or throws ManageApiError with code, status and details intact. */
async function call<T>(client: SupabaseClient, fn: string, args: Record<string, unknown> = {}): Promise<T> {
	const { data, error, status } = await client.rpc(fn, args);
	if (error) throw new ManageApiError(fn, status, error);
	return data as T;
}

/**
 * The caller's memberships (empty when not signed in or not a member).
 * @param client a Supabase client acting as the user
 */
export const myMemberships = (client: SupabaseClient) => call<Membership[]>(client, 'my_memberships');

/** Shenzhen's districts (code, names, centroid, whether an outline exists). */
export const listDistricts = (client: SupabaseClient) => call<DistrictOption[]>(client, 'list_districts');

/**
 * One page of the listings the caller may manage, with counts per status.
 * @param options status filter (`pending_changes` = published listings with a change in review), district, search
 */
export const manageListings = (
	client: SupabaseClient,
	options: { status?: ListingStatus | 'pending_changes' | null; district?: string | null; q?: string | null; limit?: number; offset?: number } = {}
) =>
	call<ManageListings>(client, 'manage_listings', {
		p_status: options.status ?? null,
		p_district: options.district ?? null,
		p_q: options.q ?? null,
		p_limit: options.limit ?? 50,
		p_offset: options.offset ?? 0
	});

/** A listing's editable fields and workflow state; null when it does not exist or the caller may not edit it. */
export const getListingForEdit = (client: SupabaseClient, id: string) =>
	call<ListingForEdit | null>(client, 'get_listing_for_edit', { p_id: id });

/**
 * Creates (no id) or updates a listing. Updating needs the version the editor started from: a newer one makes the
 * database answer 409 (PT409) with the current values in `details`.
 */
export const saveListing = (client: SupabaseClient, fields: Partial<ListingFields>, id: string | null = null, version: number | null = null) =>
	call<SavedListing>(client, 'save_listing', { p_fields: fields, p_id: id, p_version: version });

/** draft → in_review. */
export const submitListing = (client: SupabaseClient, id: string, version: number) =>
	call<SavedListing>(client, 'submit_listing', { p_id: id, p_version: version });

/** Approve (publish) or reject with a reason; admins of the listing's district only. */
export const reviewListing = (client: SupabaseClient, id: string, version: number, approve: boolean, reason: string | null = null) =>
	call<SavedListing>(client, 'review_listing', { p_id: id, p_version: version, p_approve: approve, p_reason: reason });

/** Publish directly (admins). */
export const publishListing = (client: SupabaseClient, id: string, version: number) =>
	call<SavedListing>(client, 'publish_listing', { p_id: id, p_version: version });

/** Take off the public map (admins). */
export const archiveListing = (client: SupabaseClient, id: string, version: number) =>
	call<SavedListing>(client, 'archive_listing', { p_id: id, p_version: version });

/** Give the listing to another district (city admins). */
export const moveListing = (client: SupabaseClient, id: string, version: number, districtCode: string) =>
	call<SavedListing>(client, 'move_listing', { p_id: id, p_version: version, p_district_code: districtCode });

/** Every revision of a listing, newest first, with field-level changes. */
export const listingHistory = (client: SupabaseClient, id: string) => call<HistoryEntry[]>(client, 'listing_history', { p_id: id });

/** Restore the values of an earlier revision (as a new revision: history is append-only). */
export const revertListing = (client: SupabaseClient, id: string, version: number, revisionId: number) =>
	call<SavedListing>(client, 'revert_listing', { p_id: id, p_version: version, p_revision_id: revisionId });

/** Listings and pending changes waiting for the caller's review. */
export const reviewQueue = (client: SupabaseClient) => call<ReviewItem[]>(client, 'review_queue');

/** The database's own validation of a set of fields (same rules as save_listing). */
export const validateListing = (client: SupabaseClient, fields: Partial<ListingFields>) =>
	call<RuleError[]>(client, 'validate_listing', { p_fields: fields });

/** Bulk import as drafts; `dryRun` validates only and writes nothing. */
export const importListings = (client: SupabaseClient, rows: Record<string, unknown>[], dryRun: boolean) =>
	call<ImportResult>(client, 'import_listings', { p_rows: rows, p_dry_run: dryRun });

/** Members of a district (null: all the caller may see). */
export const listMembers = (client: SupabaseClient, district: string | null = null) =>
	call<Member[]>(client, 'list_members', { p_district: district });

export const grantMembership = (client: SupabaseClient, userId: string, district: string | null, role: Role) =>
	call<unknown>(client, 'grant_membership', { p_user_id: userId, p_district: district, p_role: role });

export const revokeMembership = (client: SupabaseClient, userId: string, district: string | null) =>
	call<unknown>(client, 'revoke_membership', { p_user_id: userId, p_district: district });

/** Whether the caller may manage (disable, re-role) this user: the check before any service-role action. */
export const canManageUser = (client: SupabaseClient, userId: string) => call<boolean>(client, 'can_manage_user', { p_user_id: userId });
