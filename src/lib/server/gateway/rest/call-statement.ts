import type { Payload } from './payload.ts';
import type { Filter, OrderTerm, RpcQuery, SelectItem } from './query-params.ts';
import { Params, quoteIdent, type Statement } from './sql.ts';
import type { Routine, RoutineParam } from './schema-cache.ts';

/** The rows a request may see: offset and an optional row limit. */
export interface Page {
	offset: number;
	limit?: number;
}

const namedArg = (p: RoutineParam, value: string) => `${p.variadic ? 'VARIADIC ' : ''}${quoteIdent(p.name)} := ${value}`;

/**
 * The arguments of the call and, for JSON bodies, the FROM item decoding them. Arguments use named notation
 * (`"a" := …`) and only supplied ones are passed, so SQL defaults apply (PostgREST v14 `callPlanToQuery`).
 * JSON bodies are decoded by `json_to_record` typed by the parameter list; text values (GET, forms) go through
 * `::text::<type>`, i.e. the type's input function.
 */
function callArguments(routine: Routine, payload: Payload, params: Params): { args: string; decode: string } {
	const [first] = routine.params;
	if (first?.name === '') {
		// the single unnamed json/jsonb/text parameter receives the whole body
		const body = payload.kind === 'text' ? '' : payload.body;
		return { args: `${params.add(body)}::text::${first.type}`, decode: '' };
	}
	if (payload.kind === 'text') {
		const supplied = routine.params.filter((p) => payload.args.has(p.name));
		const args = supplied.map((p) => {
			const values = payload.args.get(p.name)!;
			// a VARIADIC parameter takes every value of a repeated query parameter as its array
			return namedArg(p, p.variadic ? `${params.add(values)}::text[]::${p.type}` : `${params.add(values[0])}::text::${p.type}`);
		});
		return { args: args.join(', '), decode: '' };
	}
	// a text/plain body only ever reaches a function with a single unnamed parameter, handled above
	if (payload.kind !== 'json') return { args: '', decode: '' };
	const supplied = routine.params.filter((p) => payload.keys.includes(p.name));
	if (supplied.length === 0) return { args: '', decode: '' };
	const json = `${params.add(payload.body)}::text::json`;
	const columns = supplied.map((p) => `${quoteIdent(p.name)} ${p.type}`).join(', ');
	return {
		args: supplied.map((p) => namedArg(p, `pgrst_body.${quoteIdent(p.name)}`)).join(', '),
		decode: `json_to_record(${payload.isArray ? `${json} -> 0` : json}) as pgrst_body(${columns}), lateral `
	};
}

/** The call in FROM position: its columns for composite results, else one `pgrst_scalar` column. */
function callSource(routine: Routine, payload: Payload, params: Params): string {
	const { args, decode } = callArguments(routine, payload, params);
	const call = `${quoteIdent(routine.schema)}.${quoteIdent(routine.name)}(${args})`;
	return routine.returns === 'composite'
		? `select pgrst_call.* from ${decode}${call} pgrst_call`
		: `select pgrst_call.pgrst_scalar from ${decode}(select ${call} as pgrst_scalar) pgrst_call`;
}

function filterSql(filter: Filter, params: Params): string {
	const column = quoteIdent(filter.column);
	const operators = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'like', ilike: 'ilike' } as const;
	let condition: string;
	if (filter.operator === 'is') {
		// the value was checked against a fixed list, so it can be SQL text
		condition = `${column} is ${filter.value === 'not_null' ? 'not null' : filter.value}`;
	} else if (filter.operator === 'in') {
		condition = `${column} = any(${params.add(filter.value)})`;
	} else {
		// an untyped parameter takes the column's type, as PostgREST's unknown-typed literals do
		condition = `${column} ${operators[filter.operator]} ${params.add(filter.value)}`;
	}
	return filter.negated ? `not (${condition})` : condition;
}

function orderSql(order: OrderTerm[]): string {
	if (order.length === 0) return '';
	const terms = order.map(
		(o) => `${quoteIdent(o.column)} ${o.descending ? 'desc' : 'asc'}${o.nulls ? ` nulls ${o.nulls}` : ''}`
	);
	return ` order by ${terms.join(', ')}`;
}

const selectSql = (items: SelectItem[]) =>
	items.map((s) => (s.alias ? `${quoteIdent(s.column)} as ${quoteIdent(s.alias)}` : quoteIdent(s.column))).join(', ');

/**
 * Builds the whole statement of a call (PostgREST v14 `mainCall`): the call as a CTE, the requested page of its
 * rows (filters, order, limit/offset, select), and the body built in SQL as text, so JSON numbers stay exact.
 * Its single row has total, page_total, body and the response GUCs (see CallRow).
 * @param asObject body is the first row (single-value functions, `Accept: application/vnd.pgrst.object+json`)
 * @param count whether to count all matching rows (Prefer: count=exact|estimated)
 */
export function buildCallStatement(
	routine: Routine,
	payload: Payload,
	query: RpcQuery,
	options: { page: Page; asObject: boolean; count: boolean }
): Statement {
	const params = new Params();
	const source = callSource(routine, payload, params);
	const where = query.filters.length > 0 ? ` where ${query.filters.map((f) => filterSql(f, params)).join(' and ')}` : '';
	const order = orderSql(query.order);
	const { offset, limit } = options.page;
	const pageSql = `${limit === undefined ? '' : ` limit ${limit}`}${offset > 0 ? ` offset ${offset}` : ''}`;
	const columns = routine.returns === 'composite' && query.select ? selectSql(query.select) : '*';
	const value = routine.returns === 'composite' ? 'pgrst_t' : 'pgrst_t.pgrst_scalar';
	// The body always reads the call's value, even for void: PostgreSQL drops unused subquery columns that hold
	// STABLE/IMMUTABLE calls, which would skip the function altogether.
	// A single scalar is taken as it is: `json_agg(v) -> 0` re-parsed the whole value to find element 0 (0.25 s for
	// the 40 MB map layer); to_json of the first array element is the same JSON without parsing a json value again.
	// (void has no array type, and rows keep the general form.)
	const body = !options.asObject
		? `coalesce(json_agg(${value}), '[]')::text`
		: routine.returns === 'scalar'
			? `coalesce(to_json((array_agg(${value}))[1])::text, 'null')`
			: `coalesce(json_agg(${value}) -> 0, 'null')::text`;
	const total = options.count ? `(select count(*) from pgrst_source${where})::text` : 'null::text';
	const text = `with pgrst_source as (${source})
select ${total} as total, count(*)::int as page_total, ${body} as body,
  nullif(current_setting('response.headers', true), '') as response_headers,
  nullif(current_setting('response.status', true), '') as response_status
from (select ${columns} from pgrst_source${where}${order}${pageSql}) pgrst_t`;
	return { text, params: params.values };
}
