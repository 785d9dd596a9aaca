// The real client against the Auth API over HTTP: proves the wire contract auth-js 2.119 relies on.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from '@supabase/supabase-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { generateSecrets, type GatewaySecrets } from '../secrets.ts';
import { createAuthApi, createUser } from './index.ts';
import { openAuthDatabase } from './spec-helpers.ts';

let db: Database;
let secrets: GatewaySecrets;
let server: Server;
let url: string;

async function toRequest(message: IncomingMessage, origin: string): Promise<Request> {
	const chunks: Buffer[] = [];
	for await (const chunk of message) chunks.push(chunk as Buffer);
	const headers = new Headers();
	for (const [name, value] of Object.entries(message.headers)) {
		if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	const hasBody = message.method !== 'GET' && message.method !== 'HEAD' && chunks.length > 0;
	return new Request(new URL(message.url ?? '/', origin), {
		method: message.method,
		headers,
		body: hasBody ? Buffer.concat(chunks) : undefined
	});
}

beforeAll(async () => {
	db = await openAuthDatabase();
	secrets = await generateSecrets();
	await createUser(db, { email: 'editor@example.com', password: 'correct horse battery' });
	const auth = createAuthApi({ db, secrets });
	server = createServer(async (message, reply) => {
		const request = await toRequest(message, url);
		const path = new URL(request.url).pathname.replace(/^\/auth\/v1/, '');
		const response = await auth.handle(request, path, message.socket.remoteAddress ?? '');
		reply.writeHead(response.status, Object.fromEntries(response.headers));
		reply.end(Buffer.from(await response.arrayBuffer()));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await new Promise((resolve) => server.close(resolve));
	await db.close();
});

const client = () =>
	createClient(url, secrets.anonKey, { auth: { persistSession: false, autoRefreshToken: false } });

describe('@supabase/supabase-js against the embedded Auth API', () => {
	it('reports a wrong password as invalid_credentials', async () => {
		const { data, error } = await client().auth.signInWithPassword({
			email: 'editor@example.com',
			password: 'wrong'
		});
		expect(data.session).toBeNull();
		expect(error).toMatchObject({ name: 'AuthApiError', status: 400, code: 'invalid_credentials' });
		expect(error!.message).toBe('Invalid login credentials');
	});

	it('signs in, refreshes, reads the user and signs out', async () => {
		const supabase = client();
		const signIn = await supabase.auth.signInWithPassword({
			email: 'editor@example.com',
			password: 'correct horse battery'
		});
		expect(signIn.error).toBeNull();
		const session = signIn.data.session!;
		expect(session.user.email).toBe('editor@example.com');
		expect(session.expires_in).toBe(3600);

		const refreshed = await supabase.auth.refreshSession();
		expect(refreshed.error).toBeNull();
		expect(refreshed.data.session!.refresh_token).not.toBe(session.refresh_token);
		expect(refreshed.data.session!.user.id).toBe(session.user.id);

		const { data: user, error: userError } = await supabase.auth.getUser();
		expect(userError).toBeNull();
		expect(user.user!.id).toBe(session.user.id);

		const oldAccessToken = refreshed.data.session!.access_token;
		expect((await supabase.auth.signOut()).error).toBeNull();
		const afterSignOut = await client().auth.getUser(oldAccessToken);
		expect(afterSignOut.data.user).toBeNull();
		expect(afterSignOut.error).toMatchObject({ name: 'AuthSessionMissingError' });
	});
});
