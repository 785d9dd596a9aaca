import { downloadHeaders, exportRequest, listingUrl, listingsStream } from '$lib/server/export/listings';
import type { RequestHandler } from './$types';

/**
 * The explorer's filtered listings as a GeoJSON FeatureCollection (RFC 7946, WGS84), streamed page by page. A
 * listing without a known location is a Feature with `geometry: null` (never a made-up point), so the feature count
 * equals the explorer's count. `metadata` comes last, when the count and the data's date are known.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const request = exportRequest(url);
	let asOf = '';
	const stream = await listingsStream(locals.supabase, request, {
		head: () => '{"type":"FeatureCollection","features":[\n',
		row: (l, index) => {
			if (l.updated_at > asOf) asOf = l.updated_at;
			const { lon, lat, ...properties } = l;
			const feature = {
				type: 'Feature',
				id: l.slug,
				geometry: lon !== null && lat !== null ? { type: 'Point', coordinates: [lon, lat] } : null,
				properties: { ...properties, page_url: listingUrl(url.origin, l.slug, request.state.lang) }
			};
			return `${index ? ',\n' : ''}${JSON.stringify(feature)}`;
		},
		tail: (count) =>
			`\n],"metadata":${JSON.stringify({
				title: 'Shenzhen Fashion Map (深圳时尚产业地图): listings',
				query: url.search,
				count,
				generated_at: new Date().toISOString(),
				data_as_of: asOf || null,
				sources: 'Each feature lists its sources in properties.source_urls; the data and its provenance: data/README.md of the Shenzhen Fashion Map.',
				site: url.origin
			})}}\n`
	});
	return new Response(stream, {
		headers: downloadHeaders('application/geo+json; charset=utf-8', `shenzhen-fashion-listings-${request.today}.geojson`)
	});
};
