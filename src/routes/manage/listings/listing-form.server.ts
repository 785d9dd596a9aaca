// The actions of the listing editor, shared by /manage/listings/new and /manage/listings/[id]. Every failure returns
// the submitted values (`fail(…, { values })`), so nothing typed is lost — whether the input was refused here, by the
// database, by a newer version someone else saved, or because the session ran out.
import { fail, redirect, type Action, type RequestEvent } from '@sveltejs/kit';
import { listPlaces, listSectors } from '$lib/data/catalogue';
import {
	archiveListing,
	getListingForEdit,
	ManageApiError,
	moveListing,
	publishListing,
	reviewListing,
	saveListing,
	submitListing,
	type ListingForEdit
} from '$lib/data/manage';
import { publicBasemap, publicTiandituToken } from '$lib/env';
import { langFromUrl, type Lang } from '$lib/i18n';
import type { BasemapKind } from '$lib/map/basemap';
import {
	fieldErrorFromDatabase,
	LISTING_FIELDS,
	validateListing,
	valuesFromFields,
	valuesFromFormData,
	type ListingFormValues
} from '$lib/validation/listing';
import { withLang } from '../manage';
import type { Conflict, ConflictChange, FormProblem } from './form-state';

/** Sectors, places and the basemap: what the form offers, whatever the listing. */
export async function loadFormOptions(event: Pick<RequestEvent, 'locals'>) {
	const [sectors, places] = await Promise.all([listSectors(event.locals.supabase), listPlaces(event.locals.supabase)]);
	const basemap = {
		kind: (['openfreemap', 'tianditu', 'offline'].includes(publicBasemap) ? publicBasemap : 'openfreemap') as BasemapKind,
		tiandituToken: publicTiandituToken
	};
	return {
		sectors,
		// only what the form needs: id, names and districts of each place (no outlines or figures)
		places: places.map((p) => ({ id: p.id, name_zh: p.name_zh, name_en: p.name_en, district_codes: p.district_codes })),
		basemap
	};
}

/** The values an editor continues from: a published listing's pending change if it has one, else the listing. */
export function editableValues(listing: ListingForEdit): ListingFormValues {
	return valuesFromFields(listing.pending ? { ...listing, ...listing.pending } : listing);
}

const sameValue = (a: string | string[], b: string | string[]) => JSON.stringify(a) === JSON.stringify(b);

/** Log the real error, answer with a problem the page can put into words. */
function problemOf(error: unknown): { status: number; problem: FormProblem } {
	if (error instanceof ManageApiError) {
		if (error.isUnauthenticated) return { status: 401, problem: 'session_expired' };
		if (error.status === 403 || error.code === '42501') return { status: 403, problem: 'forbidden' };
		if (error.status === 404 || error.code === 'P0002') return { status: 404, problem: 'not_found' };
	}
	console.error('[manage] listing action failed:', error);
	return { status: 500, problem: 'server' };
}

/** Builds the conflict report from the 409's details (the stored values), or by reading the listing again. */
async function conflictOf(event: RequestEvent, error: ManageApiError, id: string, base: ListingFormValues | null, yours: ListingFormValues): Promise<Conflict | null> {
	let current: Record<string, unknown> | null = error.currentValues;
	if (!current || typeof current.version !== 'number') {
		const fresh = await getListingForEdit(event.locals.supabase, id).catch(() => null);
		if (!fresh) return null;
		current = { ...fresh, ...(fresh.pending ?? {}), version: fresh.version };
	} else if (current.pending && typeof current.pending === 'object') {
		current = { ...current, ...(current.pending as Record<string, unknown>), version: current.version };
	}
	const theirs = valuesFromFields(current);
	const changes: ConflictChange[] = [];
	for (const field of LISTING_FIELDS) {
		// what they changed since this editor loaded the form (or, without that record, every difference)
		const changedByThem = base ? !sameValue(theirs[field], base[field]) : !sameValue(theirs[field], yours[field]);
		if (changedByThem) changes.push({ field, theirs: theirs[field], yours: yours[field] });
	}
	return { version: current.version as number, current: theirs, changes };
}

function parseBase(text: FormDataEntryValue | null): ListingFormValues | null {
	if (typeof text !== 'string' || !text) return null;
	try {
		return { ...valuesFromFields({}), ...(JSON.parse(text) as ListingFormValues) };
	} catch {
		return null;
	}
}

const listingPath = (id: string, lang: Lang, notice: string) => withLang(`/manage/listings/${id}?notice=${notice}`, lang);

/**
 * Save, then optionally move the listing on in the workflow (submit for review, publish).
 * @param then what to do with the saved version, if anything
 */
function saveAction(then: 'submit' | 'publish' | null): Action {
	return async (event) => {
		const { request, params, url, locals } = event;
		const lang = langFromUrl(url);
		const id = (params as { id?: string }).id ?? null;
		const form = await request.formData();
		const values = valuesFromFormData(form);
		const versionText = String(form.get('version') ?? '');
		let version = versionText ? Number(versionText) : null;
		const base = parseBase(form.get('base'));

		const validation = validateListing(values);
		if (!validation.ok) return fail(400, { values, errors: validation.errors, version });

		let savedId = id;
		// Submitting or publishing an unchanged listing needs no new revision.
		const unchanged = id !== null && base !== null && LISTING_FIELDS.every((field) => sameValue(values[field], base[field]));
		if (!unchanged) {
			try {
				const saved = await saveListing(locals.supabase, validation.fields, id, version);
				savedId = saved.id;
				version = saved.version;
			} catch (error) {
				if (error instanceof ManageApiError && error.isConflict && id) {
					const conflict = await conflictOf(event, error, id, base, values);
					if (conflict) return fail(409, { values, errors: [], version, conflict });
				}
				const rule = error instanceof ManageApiError ? error.ruleError : null;
				if (rule) return fail(400, { values, errors: [fieldErrorFromDatabase(rule)], version });
				const { status, problem } = problemOf(error);
				return fail(status, { values, errors: [], version, problem });
			}
		}
		if (!then) redirect(303, listingPath(savedId!, lang, 'saved'));
		try {
			if (then === 'submit') await submitListing(locals.supabase, savedId!, version!);
			else await publishListing(locals.supabase, savedId!, version!);
		} catch (error) {
			const rule = error instanceof ManageApiError ? error.ruleError : null;
			// Saved, but not moved on (e.g. publishing needs both names): the edit page says so.
			if (rule && unchanged) return fail(400, { values, errors: [fieldErrorFromDatabase(rule)], version });
			if (!rule) console.error(`[manage] ${then} after save failed:`, error);
			redirect(303, listingPath(savedId!, lang, rule ? `saved_not_${then}:${rule.field}:${rule.rule}` : `saved_not_${then}`));
		}
		redirect(303, listingPath(savedId!, lang, then === 'submit' ? 'submitted' : 'published'));
	};
}

/** A workflow step on the stored version (no field values): approve, reject, archive, move. */
function workflowAction(step: 'approve' | 'reject' | 'archive' | 'move'): Action {
	return async ({ request, params, url, locals }) => {
		const lang = langFromUrl(url);
		const id = (params as { id?: string }).id;
		if (!id) return fail(400, { problem: 'not_found' as FormProblem });
		const form = await request.formData();
		const version = Number(form.get('version'));
		const reason = String(form.get('reason') ?? '').trim();
		const district = String(form.get('move_to') ?? '').trim();
		if (step === 'reject' && !reason) return fail(400, { problem: 'reason_required' as FormProblem, reason });
		if (step === 'move' && !district) return fail(400, { problem: 'district_required' as FormProblem });
		try {
			if (step === 'approve') await reviewListing(locals.supabase, id, version, true, null);
			else if (step === 'reject') await reviewListing(locals.supabase, id, version, false, reason);
			else if (step === 'archive') await archiveListing(locals.supabase, id, version);
			else await moveListing(locals.supabase, id, version, district);
		} catch (error) {
			if (error instanceof ManageApiError && error.isConflict) return fail(409, { problem: 'workflow_failed' as FormProblem, stale: true, reason });
			const rule = error instanceof ManageApiError ? error.ruleError : null;
			if (rule) return fail(400, { problem: 'workflow_failed' as FormProblem, errors: [fieldErrorFromDatabase(rule)], reason });
			const { status, problem } = problemOf(error);
			return fail(status, { problem, reason });
		}
		const notice = { approve: 'approved', reject: 'rejected', archive: 'archived', move: 'moved' }[step];
		redirect(303, listingPath(id, lang, notice));
	};
}

export const listingActions = {
	save: saveAction(null),
	submit: saveAction('submit'),
	publish: saveAction('publish'),
	approve: workflowAction('approve'),
	reject: workflowAction('reject'),
	archive: workflowAction('archive'),
	move: workflowAction('move')
};
