// Closing a panel must not leave keyboard focus on the page's <body>: the next Tab would start again at the skip
// link, and a keyboard or screen-reader user would have lost their place in the list (WCAG 2.4.3, focus order).
import type { Attachment } from 'svelte/attachments';

// Where focus came from when it last moved. A panel that focuses its heading as the user opens it does so before
// the attachment below runs (child effects first), and then this is the element it was opened from.
let focusCameFrom: EventTarget | null = null;
if (typeof document !== 'undefined') document.addEventListener('focusin', (event) => (focusCameFrom = event.relatedTarget), true);

/**
 * An attachment for a panel's box. When the box leaves the page with focus in it (its close button, Escape), focus
 * goes back to where it came from: the list row, the map or the search box that opened the panel (scrolled into view
 * if need be: a phone's list row, under the sheet that covered it). When that is no longer on the page, focus goes to
 * `fallback()`, without scrolling to it. Focus the user has moved elsewhere stays where it is.
 */
export function returnFocus(fallback: () => HTMLElement | null): Attachment<HTMLElement> {
	return (box) => {
		const outside = (node: EventTarget | null): HTMLElement | null =>
			node instanceof HTMLElement && node !== document.body && !box.contains(node) ? node : null;
		// What had focus as the panel appeared (or before the panel took it), then whatever focus last came into the
		// panel from: the row of the next item opened while the panel stays.
		let focusInside = box.contains(document.activeElement);
		let opener = outside(focusInside ? focusCameFrom : document.activeElement);
		const onFocusIn = (event: FocusEvent) => {
			focusInside = true;
			opener = outside(event.relatedTarget) ?? opener;
		};
		// Only a move to another element takes focus out: a focusout to nowhere is the window losing focus, or the
		// focused element leaving the page with the panel.
		const onFocusOut = (event: FocusEvent) => {
			if (event.relatedTarget && !box.contains(event.relatedTarget as Node)) focusInside = false;
		};
		box.addEventListener('focusin', onFocusIn);
		box.addEventListener('focusout', onFocusOut);
		return () => {
			box.removeEventListener('focusin', onFocusIn);
			box.removeEventListener('focusout', onFocusOut);
			const active = document.activeElement;
			if (!focusInside || (active && active !== document.body && !box.contains(active))) return;
			if (opener?.isConnected) opener.focus();
			else fallback()?.focus({ preventScroll: true });
		};
	};
}
