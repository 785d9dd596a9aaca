// iCalendar (RFC 5545) for event listings: one VEVENT per dated event, all-day dates, text escaped and lines
// folded at 75 octets, CRLF line ends.

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export const icsText = (value: string): string =>
	value.replaceAll('\\', '\\\\').replaceAll(';', '\\;').replaceAll(',', '\\,').replace(/\r?\n/g, '\\n');

/** Folds a content line at 75 octets without splitting a UTF-8 character (§3.1), with its CRLF. */
export function icsLine(line: string): string {
	const encoder = new TextEncoder();
	let out = '';
	let current = '';
	let octets = 0;
	for (const ch of line) {
		const size = encoder.encode(ch).length;
		if (octets + size > (out ? 74 : 75)) {
			out += `${current}\r\n `;
			current = '';
			octets = 0;
		}
		current += ch;
		octets += size;
	}
	return `${out}${current}\r\n`;
}

const day = (iso: string) => iso.replaceAll('-', '');
const nextDay = (iso: string) => {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
};

/** The calendar's opening lines. */
export function icsHeader(name: string, description: string): string {
	return [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Shenzhen Fashion Map//Events//ZH-EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${icsText(name)}`,
		`X-WR-CALDESC:${icsText(description)}`
	].map(icsLine).join('');
}

export const ICS_FOOTER = 'END:VCALENDAR\r\n';

export interface IcsEventInput {
	slug: string;
	name: string;
	event_start: string;
	event_end: string | null;
	venue: string | null;
	lon: number | null;
	lat: number | null;
	url: string;
	description: string;
	updated_at: string;
}

/**
 * One all-day VEVENT; DTEND is the day after the last day (exclusive, §3.6.1). UID is stable per listing.
 * @param host the site's host, for the UID
 */
export function icsEvent(event: IcsEventInput, host: string, stamp: Date): string {
	const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
	const lines = [
		'BEGIN:VEVENT',
		`UID:${event.slug}@${host}`,
		`DTSTAMP:${utc(stamp)}`,
		`LAST-MODIFIED:${utc(new Date(event.updated_at))}`,
		`DTSTART;VALUE=DATE:${day(event.event_start)}`,
		`DTEND;VALUE=DATE:${day(nextDay(event.event_end ?? event.event_start))}`,
		`SUMMARY:${icsText(event.name)}`,
		...(event.venue ? [`LOCATION:${icsText(event.venue)}`] : []),
		...(event.lon !== null && event.lat !== null ? [`GEO:${event.lat};${event.lon}`] : []),
		`URL:${event.url}`,
		`DESCRIPTION:${icsText(event.description)}`,
		'END:VEVENT'
	];
	return lines.map(icsLine).join('');
}
