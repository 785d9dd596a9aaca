// Where the visitor left the explorer (in this tab, in the browser): its full URL, camera hash included, as it was
// when they went on to another page. SvelteKit's own `from.url` of that navigation has no camera, which the explorer
// writes with shallow routing (replaceState) and which so never reaches `page.url`.
let left: URL | null = null;

/** The explorer, as it leaves for another page of the site. */
export function rememberExplorerLeft(url: URL): void {
	left = url;
}

/** The explorer's URL when the visitor last left it, or null if they have not been on it in this tab. */
export const explorerLeft = (): URL | null => left;
