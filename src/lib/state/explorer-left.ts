// Where the visitor left the explorer (in this page load, in the browser): its full URL, camera hash included, as the
// explorer last showed it. The explorer records it whenever its URL changes (not as it is left: on Back and Forward
// the browser's address is already the next page's by then). SvelteKit's `from.url` would not do: it has no camera,
// which the explorer writes with shallow routing (replaceState) and which so never reaches `page.url`. Never
// written on the server.
let left: URL | null = null;

/** The explorer's URL, each time it changes. */
export function rememberExplorerLeft(url: URL): void {
	left = url;
}

/** The explorer's URL when the visitor last left it, or null if they have not been on it since the page loaded. */
export const explorerLeft = (): URL | null => left;
