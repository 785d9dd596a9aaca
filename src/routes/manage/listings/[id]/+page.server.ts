import { error } from '@sveltejs/kit';
import { getListingForEdit, ManageApiError, type ListingForEdit } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { editableValues, listingActions, loadFormOptions } from '../listing-form.server';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async (event) => {
	event.depends('supabase:db:listings');
	const lang = langFromUrl(event.url);
	if (!UUID.test(event.params.id)) error(404, t(lang, 'page.listingNotFound'));
	let listing: ListingForEdit | null;
	let options: Awaited<ReturnType<typeof loadFormOptions>>;
	try {
		[listing, options] = await Promise.all([getListingForEdit(event.locals.supabase, event.params.id), loadFormOptions(event)]);
	} catch (cause) {
		if (cause instanceof ManageApiError && (cause.status === 404 || cause.status === 403)) error(404, t(lang, 'page.listingNotFound'));
		console.error('[manage] loading the listing failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
	// RLS: a listing of another district is "not found" for this user, same as one that does not exist.
	if (!listing) error(404, t(lang, 'page.listingNotFound'));
	/**
	 * `values`: what the editor continues from (a pending change's fields when there is one);
	 * `notice`: the outcome of the last action (`saved`, `submitted`, `saved_not_publish:<field>:<rule>`…).
	 */
	return { ...options, listing, values: editableValues(listing), notice: event.url.searchParams.get('notice') };
};

export const actions: Actions = listingActions;
