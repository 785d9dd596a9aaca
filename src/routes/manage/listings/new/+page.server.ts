import { error } from '@sveltejs/kit';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { emptyListingValues } from '$lib/validation/listing';
import { listingActions, loadFormOptions } from '../listing-form.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const lang = langFromUrl(event.url);
	const { memberships } = await event.parent();
	const values = emptyListingValues();
	// A district member writes for their district: preselect the first one (city admins choose).
	values.district_code = memberships.find((m) => m.district_code !== null)?.district_code ?? '';
	try {
		return { ...(await loadFormOptions(event)), values, listing: null };
	} catch (cause) {
		console.error('[manage] loading the form options failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};

export const actions: Actions = { save: listingActions.save, submit: listingActions.submit, publish: listingActions.publish };
