import { error } from '@sveltejs/kit';
import { listDistricts, myMemberships, type DistrictOption, type Membership } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import type { LayoutServerLoad } from './$types';

// This file makes every /manage navigation a server request, so the authGuard hook runs for it (style.md §6.3):
// the hook is the guard, this load only gathers what every page of the area needs.
export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
	depends('supabase:auth');
	const lang = langFromUrl(url);
	if (!locals.user) return { lang, email: null, memberships: [] as Membership[], districts: [] as DistrictOption[] };
	try {
		const [memberships, districts] = await Promise.all([myMemberships(locals.supabase), listDistricts(locals.supabase)]);
		/** `memberships`: the caller's roles (the UI mirrors them; the database enforces them). */
		return { lang, email: locals.user.email ?? null, memberships, districts };
	} catch (cause) {
		console.error('[manage] loading memberships failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};
