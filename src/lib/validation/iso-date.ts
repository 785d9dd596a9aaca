// One rule for "a date" wherever one is read (a link's from/to, a listing's fields): YYYY-MM-DD naming a day the
// calendar has. Date.parse alone is not enough: it reads 2024-02-30 as 1 March, which the database refuses
// ("date/time field value out of range"), so such a link took the explorer and its exports down.
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether a text is a calendar date written YYYY-MM-DD.
 * @example isIsoDate('2024-02-29') // true; isIsoDate('2023-02-29') // false
 */
export function isIsoDate(text: string): boolean {
	if (!ISO_DATE.test(text)) return false;
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
