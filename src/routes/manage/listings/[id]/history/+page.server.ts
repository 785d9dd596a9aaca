import { error, fail, redirect } from '@sveltejs/kit';
import { getListingForEdit, listingHistory, ManageApiError, revertListing } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { withLang } from '../../../manage';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ locals, params, url, depends }) => {
	depends('supabase:db:listings');
	const lang = langFromUrl(url);
	if (!UUID.test(params.id)) error(404, t(lang, 'page.listingNotFound'));
	try {
		const [listing, history] = await Promise.all([getListingForEdit(locals.supabase, params.id), listingHistory(locals.supabase, params.id)]);
		if (!listing) error(404, t(lang, 'page.listingNotFound'));
		/** `history`: newest first, each entry with its field-level changes. */
		return { listing, history, notice: url.searchParams.get('notice') };
	} catch (cause) {
		if (cause && typeof cause === 'object' && 'status' in cause && (cause as { status: number }).status === 404) throw cause;
		console.error('[manage] loading history failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};

export const actions: Actions = {
	revert: async ({ locals, params, request, url }) => {
		const lang = langFromUrl(url);
		const form = await request.formData();
		const version = Number(form.get('version'));
		const revisionId = Number(form.get('revision_id'));
		if (!Number.isInteger(revisionId)) return fail(400, { problem: 'server' as const });
		try {
			await revertListing(locals.supabase, params.id, version, revisionId);
		} catch (cause) {
			if (cause instanceof ManageApiError && cause.isConflict) return fail(409, { problem: 'stale' as const });
			if (cause instanceof ManageApiError && (cause.status === 403 || cause.code === '42501')) return fail(403, { problem: 'forbidden' as const });
			if (cause instanceof ManageApiError && cause.isUnauthenticated) return fail(401, { problem: 'session_expired' as const });
			console.error('[manage] revert failed:', cause);
			return fail(500, { problem: 'server' as const });
		}
		redirect(303, withLang(`/manage/listings/${params.id}/history?notice=reverted`, lang));
	}
};
