import { queryParseError } from './errors.ts';

export type FilterOperator = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'like' | 'ilike' | 'is' | 'in';

/** `col=[not.]op.value` applied to the rows a function returns. */
export interface Filter {
	column: string;
	negated: boolean;
	operator: FilterOperator;
	/** the list for `in`, one of null/not_null/true/false/unknown for `is`, the raw text otherwise */
	value: string | string[];
}

export interface OrderTerm {
	column: string;
	descending: boolean;
	nulls?: 'first' | 'last';
}

export interface SelectItem {
	column: string;
	alias?: string;
}

/** What the query string of an RPC call asks for besides the function itself. */
export interface RpcQuery {
	/** undefined = every column (`select=*` or no select) */
	select?: SelectItem[];
	filters: Filter[];
	order: OrderTerm[];
	limit?: number;
	offset?: number;
	/** POST `?columns=a,b`: only these body keys are arguments */
	columns?: string[];
	/** GET/HEAD arguments: every value of each parameter that is not a filter */
	args: Map<string, string[]>;
}

const SUPPORTED_OPERATORS = new Set<string>(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'is', 'in']);
// The rest of PostgREST v14's operators: recognised so a value using them is a filter, answered with PGRST100.
const OTHER_OPERATORS = new Set<string>(
	['match', 'imatch', 'isdistinct', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj', 'fts', 'plfts', 'phfts', 'wfts']
);
const IS_VALUES = new Set(['null', 'not_null', 'true', 'false', 'unknown']);
const FILTER_SYNTAX = /^(not\.)?([a-z]+)(\([a-z]+\))?\.([\s\S]*)$/;
const NAME = /^[^.,:()"\0]+$/;

/** True when `value` has the shape of a PostgREST filter (`op.x`, `not.op.x`) with a known operator. */
function looksLikeFilter(value: string): boolean {
	const operator = FILTER_SYNTAX.exec(value)?.[2];
	return operator !== undefined && (SUPPORTED_OPERATORS.has(operator) || OTHER_OPERATORS.has(operator));
}

function parseName(name: string, what: string, whole: string): string {
	const trimmed = name.trim();
	if (!NAME.test(trimmed)) throw queryParseError(`"failed to parse ${what} (${whole})"`, `Unsupported column "${name}"`);
	return trimmed;
}

/** Splits `a,"b,c",d` on commas outside double quotes; `\` escapes inside quotes (PostgREST `in` lists). */
function splitList(list: string): string[] {
	const items: string[] = [];
	let current = '';
	let quoted = false;
	let wasQuoted = false;
	for (let i = 0; i < list.length; i++) {
		const char = list[i]!;
		if (quoted && char === '\\' && i + 1 < list.length) current += list[++i];
		else if (char === '"') [quoted, wasQuoted] = [!quoted, true];
		else if (char === ',' && !quoted) {
			items.push(wasQuoted ? current : current.trim());
			[current, wasQuoted] = ['', false];
		} else current += char;
	}
	if (quoted) throw new Error('unterminated quote');
	items.push(wasQuoted ? current : current.trim());
	return items;
}

const filterError = (value: string, details: string) => queryParseError(`"failed to parse filter (${value})"`, details);

function parseFilter(column: string, value: string): Filter {
	const whole = `${column}=${value}`;
	const [, not, operator, modifier, operand] = FILTER_SYNTAX.exec(value) ?? [];
	if (operator === undefined || operand === undefined || !looksLikeFilter(value)) {
		throw queryParseError(
			`"failed to parse filter (${value})" (line 1, column 1)`,
			'unexpected input, expecting "not" or an operator (eq, neq, gt, gte, lt, lte, like, ilike, is, in)'
		);
	}
	if (!SUPPORTED_OPERATORS.has(operator) || modifier) {
		throw filterError(value, `The operator "${operator}${modifier ?? ''}" is not supported by this server`);
	}
	const filter = {
		column: parseName(column, 'filter', whole),
		negated: not !== undefined,
		operator: operator as FilterOperator
	};
	if (operator === 'is') {
		const lowered = operand.toLowerCase();
		if (!IS_VALUES.has(lowered)) throw filterError(value, 'is expects null, not_null, true, false or unknown');
		return { ...filter, value: lowered };
	}
	if (operator === 'in') {
		const list = /^\(([\s\S]*)\)$/.exec(operand)?.[1];
		if (list === undefined) throw filterError(value, 'in expects a list in parentheses: in.(a,b)');
		try {
			return { ...filter, value: list === '' ? [] : splitList(list) };
		} catch {
			throw filterError(value, 'unterminated double quote');
		}
	}
	// PostgREST lets `*` stand for `%` in like patterns, since `%` is awkward in URLs
	return { ...filter, value: operator === 'like' || operator === 'ilike' ? operand.replaceAll('*', '%') : operand };
}

function parseSelect(value: string): SelectItem[] | undefined {
	const items = value.split(',').map((item) => item.trim());
	if (items.length === 1 && items[0] === '*') return undefined;
	return items.map((item) => {
		// alias:column — casts (::), JSON paths (->), embedding (rel(...)) are not supported
		const match = /^(?:([^:]+):)?([^:]+)$/.exec(item);
		if (!match || item === '*' || item.includes('->')) {
			throw queryParseError(
				`"failed to parse select parameter (${value})"`,
				'Only a plain column list (a,b or alias:a) is supported'
			);
		}
		const column = parseName(match[2]!, 'select parameter', value);
		return match[1] === undefined ? { column } : { column, alias: parseName(match[1], 'select parameter', value) };
	});
}

function parseOrder(value: string): OrderTerm[] {
	return value.split(',').map((term) => {
		const match = /^([^.]+)(?:\.(asc|desc))?(?:\.(nullsfirst|nullslast))?$/.exec(term.trim());
		if (!match) {
			throw queryParseError(`"failed to parse order (${value})"`, 'expected column[.asc|.desc][.nullsfirst|.nullslast]');
		}
		const nulls = match[3] === undefined ? undefined : match[3] === 'nullsfirst' ? 'first' : 'last';
		return { column: parseName(match[1]!, 'order', value), descending: match[2] === 'desc', ...(nulls && { nulls }) };
	});
}

function parseCount(name: string, value: string): number {
	if (!/^\d+$/.test(value)) {
		throw queryParseError(`"failed to parse ${name} (${value})"`, `${name} must be a non-negative integer`);
	}
	return Number(value);
}

/**
 * Splits an RPC query string the way PostgREST v14 does: reserved parameters shape the result; on GET/HEAD a
 * parameter whose value looks like `op.value` is a filter and every other one an argument; on POST the
 * arguments come from the body, so every other parameter must be a filter (`POST /rpc/f?name=John` → PGRST100).
 * @throws RestError PGRST100 for anything it cannot parse or does not support
 */
export function parseRpcQuery(params: URLSearchParams, argsInQuery: boolean): RpcQuery {
	const query: RpcQuery = { filters: [], order: [], args: new Map() };
	for (const [key, value] of params) {
		switch (key) {
			case 'select':
				query.select = parseSelect(value);
				break;
			case 'order':
				query.order.push(...parseOrder(value));
				break;
			case 'limit':
				query.limit = parseCount('limit', value);
				break;
			case 'offset':
				query.offset = parseCount('offset', value);
				break;
			case 'columns':
				query.columns = value.split(',').map((c) => parseName(c, 'columns', value));
				break;
			case 'on_conflict':
				break; // only meaningful for table inserts; PostgREST ignores it on RPC
			case 'and':
			case 'or':
			case 'not.and':
			case 'not.or':
				throw queryParseError(
					`"failed to parse logic tree (${value})"`,
					'and/or filters are not supported by this server'
				);
			default:
				if (argsInQuery && !looksLikeFilter(value)) query.args.set(key, [...(query.args.get(key) ?? []), value]);
				else if (key.includes('.')) throw filterError(key, 'Filters on embedded resources are not supported by this server');
				else query.filters.push(parseFilter(key, value));
		}
	}
	return query;
}
