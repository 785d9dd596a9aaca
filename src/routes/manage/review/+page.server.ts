import { error, fail, redirect } from '@sveltejs/kit';
import { ManageApiError, reviewListing, reviewQueue } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { isAnyAdmin, withLang } from '../manage';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends, parent }) => {
	depends('supabase:db:listings');
	const lang = langFromUrl(url);
	if (!isAnyAdmin((await parent()).memberships)) error(403, t(lang, 'manage.adminsOnly'));
	try {
		return { queue: await reviewQueue(locals.supabase), notice: url.searchParams.get('notice') };
	} catch (cause) {
		console.error('[manage] loading the review queue failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};

/** Approve or reject one item; the form names the listing and the version the reviewer saw. */
async function review(approve: boolean, { locals, request, url }: Parameters<Actions[string]>[0]) {
	const lang = langFromUrl(url);
	const form = await request.formData();
	const id = String(form.get('id') ?? '');
	const version = Number(form.get('version'));
	const reason = String(form.get('reason') ?? '').trim();
	if (!approve && !reason) return fail(400, { id, problem: 'reason_required' as const, reason });
	try {
		await reviewListing(locals.supabase, id, version, approve, approve ? null : reason);
	} catch (cause) {
		const problem =
			cause instanceof ManageApiError && cause.isConflict
				? ('stale' as const)
				: cause instanceof ManageApiError && (cause.status === 403 || cause.code === '42501')
					? ('forbidden' as const)
					: ('server' as const);
		if (problem === 'server') console.error('[manage] review failed:', cause);
		return fail(problem === 'stale' ? 409 : problem === 'forbidden' ? 403 : 500, { id, problem, reason });
	}
	redirect(303, withLang(`/manage/review?notice=${approve ? 'approved' : 'rejected'}`, lang));
}

export const actions: Actions = {
	approve: (event) => review(true, event),
	reject: (event) => review(false, event)
};
