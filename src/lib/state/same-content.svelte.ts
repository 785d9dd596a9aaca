/**
 * A value derived from reactive inputs that stays the same object for as long as its content (as JSON) does.
 *
 * Why: after every navigation SvelteKit hands the page new objects for data that did not change (the sector list,
 * the places, an unchanged filter's array). Handed on to the map, a new object counts as a change: its layers
 * re-apply their paint properties, and MapLibre repaints the whole map for each one — in software WebGL with 100k
 * listings, a 50–100 ms frame on every keystroke of a search.
 * @param compute reads the reactive inputs; called again whenever they change
 * @returns `current`: the first value computed since the content last changed
 */
export function sameContent<T>(compute: () => T): { readonly current: T } {
	let kept: { value: T; json: string } | undefined;
	const current = $derived.by(() => {
		const value = compute();
		const json = JSON.stringify(value);
		if (kept?.json !== json) kept = { value, json };
		return kept.value;
	});
	return {
		get current() {
			return current;
		}
	};
}
