import { describe, expect, it } from 'vitest';
import { RestError } from './errors.ts';
import { parseRpcQuery } from './query-params.ts';

const parse = (query: string, argsInQuery = true) => parseRpcQuery(new URLSearchParams(query), argsInQuery);

describe('parseRpcQuery', () => {
	it('separates arguments from filters on GET', () => {
		const query = parse('name=John&n=1&n=2&id=eq.5&tag=not.in.(a,"b,c")');
		expect([...query.args]).toEqual([['name', ['John']], ['n', ['1', '2']]]);
		expect(query.filters).toEqual([
			{ column: 'id', negated: false, operator: 'eq', value: '5' },
			{ column: 'tag', negated: true, operator: 'in', value: ['a', 'b,c'] }
		]);
	});

	it('reads select, order, limit, offset and columns', () => {
		expect(parse('select=a,b:c&order=a.desc.nullslast,b&limit=5&offset=10&columns=x,y')).toMatchObject({
			select: [{ column: 'a' }, { column: 'c', alias: 'b' }],
			order: [{ column: 'a', descending: true, nulls: 'last' }, { column: 'b', descending: false }],
			limit: 5,
			offset: 10,
			columns: ['x', 'y']
		});
		expect(parse('select=*').select).toBeUndefined();
	});

	it('turns * into % in like patterns and normalises is values', () => {
		expect(parse('name=ilike.*shen*&x=is.NULL').filters.map((f) => f.value)).toEqual(['%shen%', 'null']);
	});

	it('requires every other POST parameter to be a filter', () => {
		expect(() => parse('name=John', false)).toThrow(RestError);
		expect(parse('name=eq.John', false).filters).toHaveLength(1);
	});

	it.each(['id=cs.{1}', 'id=eq(any).{1}', 'id=is.maybe', 'id=in.1,2', 'or=(a.eq.1)', 'select=rel(*)', 'order=a.up', 'offset=-1', 'x.y=eq.1'])(
		'answers PGRST100 for %s',
		(query) => {
			expect(() => parse(query)).toThrow(expect.objectContaining({ status: 400, code: 'PGRST100' }));
		}
	);
});
