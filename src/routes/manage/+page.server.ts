import { error } from '@sveltejs/kit';
import { LISTING_STATUSES, manageListings, reviewQueue, type ListingStatus } from '$lib/data/manage';
import { langFromUrl } from '$lib/i18n';
import { t } from '$lib/i18n/manage';
import { isAnyAdmin } from './manage';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const FILTERS = [...LISTING_STATUSES, 'pending_changes'] as const;
export type StatusFilter = ListingStatus | 'pending_changes';

export const load: PageServerLoad = async ({ locals, url, parent, depends }) => {
	depends('supabase:db:listings');
	const lang = langFromUrl(url);
	const { memberships } = await parent();
	const requested = url.searchParams.get('status');
	const status = (FILTERS as readonly string[]).includes(requested ?? '') ? (requested as StatusFilter) : null;
	const district = url.searchParams.get('district') || null;
	const q = url.searchParams.get('q')?.trim() || null;
	const page = Math.max(1, Number(url.searchParams.get('page')) || 1);
	try {
		const [listings, queue] = await Promise.all([
			manageListings(locals.supabase, { status, district, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
			isAnyAdmin(memberships) ? reviewQueue(locals.supabase) : Promise.resolve(null)
		]);
		/** `reviewCount`: items waiting for this admin's review (null for editors, who review nothing). */
		return { listings, status, district, q, page, pageSize: PAGE_SIZE, reviewCount: queue ? queue.length : null };
	} catch (cause) {
		console.error('[manage] loading listings failed:', cause);
		error(503, t(lang, 'backend.unavailable'));
	}
};
