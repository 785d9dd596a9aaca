// A select whose change loads something and moves the map (an area to show, the choropleth's measure, the cluster
// table's filters) acts on a choice once it is made, not on each option the keyboard passes: in Chromium the arrow
// keys step a closed select through its options, firing `change` at every step, and each step loaded statistics,
// moved the map and added a history entry (WCAG 3.2.2, On Input). Choices made with the pointer, a touch screen's
// picker or an open list apply at once.
import type { Attachment } from 'svelte/attachments';

/** Keys that step a closed select to another option. */
const STEP_KEYS = /^(Arrow(Up|Down|Left|Right)|Home|End|PageUp|PageDown|.)$/u;

/**
 * An attachment for a `<select>`: calls `apply` with its value when the user has chosen. A change the keyboard made
 * on the closed select waits for Enter, or for the select to lose focus.
 * @example <select {@attach settledChange((value) => onPick(value))}>
 */
export function settledChange(apply: (value: string) => void): Attachment<HTMLSelectElement> {
	return (select) => {
		let stepping = false;
		let pending = false;
		// the value when the keyboard started stepping: stepping away and back to it, then leaving, applies nothing
		let before = select.value;
		const commit = () => {
			pending = false;
			if (select.value !== before) apply(select.value);
		};
		const onkeydown = (event: KeyboardEvent) => {
			if (event.key === 'Enter' && pending) {
				event.preventDefault();
				commit();
			} else if (STEP_KEYS.test(event.key) && !event.altKey) {
				// a change fired by this key comes in this same task; one made later in an opened list does not
				if (!pending) before = select.value;
				stepping = true;
				setTimeout(() => (stepping = false));
			}
		};
		const onchange = () => {
			if (stepping) pending = true;
			else {
				pending = false;
				apply(select.value); // a change from the pointer or an opened list: always a new value
			}
		};
		const onblur = () => {
			if (pending) commit();
		};
		select.addEventListener('keydown', onkeydown);
		select.addEventListener('change', onchange);
		select.addEventListener('blur', onblur);
		return () => {
			select.removeEventListener('keydown', onkeydown);
			select.removeEventListener('change', onchange);
			select.removeEventListener('blur', onblur);
		};
	};
}
