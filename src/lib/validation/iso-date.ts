// One rule for "a date" wherever one is read (a link's from/to, a listing's fields): YYYY-MM-DD naming a day the
// calendar has. Date.parse alone is not enough: it reads 2024-02-30 as 1 March, which the database refuses
// ("date/time field value out of range"), so such a link took the explorer and its exports down.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a text is a calendar date written YYYY-MM-DD.
 * @example isIsoDate('2024-02-29') // true; isIsoDate('2023-02-29') // false
 */
export function isIsoDate(text: string): boolean {
	// the year 0 is no year of PostgreSQL's calendar (1 BC comes before AD 1), nor of the JavaScript it is read with
	if (!ISO_DATE.test(text) || text.startsWith('0000')) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
