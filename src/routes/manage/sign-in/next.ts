/**
 * Where to go after signing in. Only a path on this site: an absolute or protocol-relative `next`
 * (`https://evil.example`, `//evil.example`, `/\evil.example`) would make the sign-in page an open redirect that
 * lends our domain to phishing.
 */
export function safeNext(next: string | null, fallback = '/manage'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	if (/[\u0000-\u001f\\]/.test(next)) return fallback;
	try {
		const url = new URL(next, 'http://site.invalid');
		if (url.origin !== 'http://site.invalid') return fallback;
		// back to the sign-in page would loop
		if (url.pathname === '/manage/sign-in') return fallback;
		return `${url.pathname}${url.search}${url.hash}`;
	} catch {
		return fallback;
	}
}
