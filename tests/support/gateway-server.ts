import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Gateway } from '../../src/lib/server/gateway/index.ts';

/**
 * Serves the gateway alone over real HTTP on 127.0.0.1 (a free port), the way the SvelteKit server mounts it, so
 * tests and benchmarks drive supabase-js over the wire without building the site.
 */
export async function serveGateway(gateway: Gateway): Promise<{ url: string; close(): Promise<void> }> {
	const server = createServer(async (req, res) => {
		try {
			const response =
				(await gateway.handle(await toRequest(req), req.socket.remoteAddress ?? '127.0.0.1')) ??
				new Response('Not found', { status: 404 });
			res.writeHead(response.status, response.statusText, Object.fromEntries(response.headers));
			res.end(Buffer.from(await response.arrayBuffer()));
		} catch (error) {
			console.error('[gateway-server]', error);
			res.writeHead(500).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			})
	};
}

async function toRequest(req: IncomingMessage): Promise<Request> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (Array.isArray(value)) for (const v of value) headers.append(name, v);
		else if (value !== undefined) headers.set(name, value);
	}
	const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
	return new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
		method: req.method,
		headers,
		body: hasBody ? Buffer.concat(chunks) : undefined
	});
}
