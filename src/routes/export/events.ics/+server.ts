import { ICS_FOOTER, icsEvent, icsHeader } from '$lib/server/export/ics';
import { downloadHeaders, exportRequest, listingUrl, listingsStream } from '$lib/server/export/listings';
import type { RequestHandler } from './$types';

/**
 * The explorer's filtered events as an iCalendar feed (subscribe to the URL to follow a filter). Events whose dates
 * are not published cannot be calendar entries: they are left out.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const request = exportRequest(url, { kinds: ['event'] });
	const en = request.state.lang === 'en';
	const stamp = new Date();
	// the filter as its query, without the language (the calendar is already in it)
	const filter = new URLSearchParams(url.search);
	filter.delete('lang');
	const filterText = decodeURIComponent(filter.toString()) || (en ? 'none' : '无');
	const stream = await listingsStream(locals.supabase, request, {
		head: () =>
			icsHeader(
				en ? 'Shenzhen Fashion Map: events' : '深圳时尚产业地图：活动',
				en
					? `Fashion events in Shenzhen (filter: ${filterText}). Sources: each event's page.`
					: `深圳时尚活动（筛选：${filterText}）。来源见各活动页面。`
			),
		row: (l) =>
			l.event_start
				? icsEvent(
						{
							slug: l.slug,
							name: (en ? (l.name_en ?? l.name_zh) : (l.name_zh ?? l.name_en)) ?? l.slug,
							event_start: l.event_start,
							event_end: l.event_end,
							venue: en ? (l.venue_en ?? l.venue_zh) : (l.venue_zh ?? l.venue_en),
							lon: l.lon,
							lat: l.lat,
							url: listingUrl(url.origin, l.slug, request.state.lang),
							description: `${(en ? l.summary_en : l.summary_zh) ?? ''}\n${en ? 'Sources: ' : '来源：'}${l.source_urls.join(' ')}`.trim(),
							updated_at: l.updated_at
						},
						url.host,
						stamp
					)
				: '',
		tail: () => ICS_FOOTER
	});
	return new Response(stream, { headers: downloadHeaders('text/calendar; charset=utf-8', `shenzhen-fashion-events-${request.today}.ics`) });
};
