import type { Database } from '../../db/database.ts';

/** One input parameter of a function, as PostgREST's schema cache records it. */
export interface RoutineParam {
	/** '' for the single unnamed json/jsonb/text parameter PostgREST also accepts */
	name: string;
	/** SQL type as `format_type` prints it, schema-qualified outside pg_catalog (usable in casts and column lists) */
	type: string;
	required: boolean;
	variadic: boolean;
}

/** A callable function of an exposed schema. */
export interface Routine {
	schema: string;
	name: string;
	params: RoutineParam[];
	/** composite = returns a row type, or has OUT/INOUT/TABLE parameters (its result is an object) */
	returns: 'void' | 'scalar' | 'composite';
	returnsSet: boolean;
	volatility: 'immutable' | 'stable' | 'volatile';
}

/** Functions by schema, then by name (overloads share a name). */
export type SchemaCache = Map<string, Map<string, Routine[]>>;

interface RoutineRow {
	schema: string;
	name: string;
	volatility: 'i' | 's' | 'v';
	returns_set: boolean;
	returns: Routine['returns'];
	params: string;
}

// Mirrors PostgREST v14 `funcsSqlQuery`: plain functions (prokind 'f') not returning trigger; `char`/`bit`
// parameters widened to their varying forms so a cast does not truncate; a parameter is required when no default
// covers it. Run with search_path = pg_catalog so format_type qualifies every non-catalogue type.
const ROUTINES_SQL = `
select n.nspname as schema, p.proname as name, p.provolatile::text as volatility, p.proretset as returns_set,
  case
    when p.prorettype = 'pg_catalog.void'::regtype then 'void'
    when coalesce(bt.typtype, rt.typtype) = 'c'
      or coalesce(p.proargmodes && array['o', 'b', 't']::"char"[], false) then 'composite'
    else 'scalar'
  end as returns,
  coalesce((
    select json_agg(json_build_object(
      'name', coalesce(a.name, ''),
      'type', case pt.typname
        when 'bpchar' then 'character varying' when '_bpchar' then 'character varying[]'
        when 'bit' then 'bit varying' when '_bit' then 'bit varying[]'
        else format_type(a.type, null) end,
      'required', a.position <= p.pronargs - p.pronargdefaults,
      'variadic', a.mode = 'v') order by a.position)
    from (
      select u.type, u.mode, u.name, row_number() over (order by u.ordinality) as position
      from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]),
                  coalesce(p.proargmodes, array_fill('i'::"char", array[p.pronargs])),
                  p.proargnames) with ordinality as u(type, mode, name, ordinality)
      where u.mode in ('i', 'b', 'v')
    ) a
    join pg_type pt on pt.oid = a.type
  ), '[]')::text as params
from pg_proc p
join pg_namespace n on n.oid = p.pronamespace
join pg_type rt on rt.oid = p.prorettype
left join pg_type bt on rt.typtype = 'd' and bt.oid = rt.typbasetype
where p.prokind = 'f'
  and n.nspname = any($1::text[])
  and p.prorettype <> 'pg_catalog.trigger'::regtype
order by p.oid`;

const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;
const SINGLE_UNNAMED_TYPES = ['json', 'jsonb', 'text'];

/**
 * PostgREST only exposes functions whose input parameters are all named, or that take exactly one unnamed
 * json/jsonb/text parameter (called with the whole request body). xml/bytea bodies are not supported here.
 */
function isCallable(params: RoutineParam[]): boolean {
	if (params.every((p) => p.name !== '')) return true;
	return params.length === 1 && SINGLE_UNNAMED_TYPES.includes(params[0]!.type);
}

/** Reads the callable functions of the exposed schemas from pg_proc. */
export async function loadSchemaCache(db: Database, schemas: string[]): Promise<SchemaCache> {
	const rows = await db.transaction(async (tx) => {
		await tx.query('set local search_path to pg_catalog');
		return (await tx.query<RoutineRow>(ROUTINES_SQL, [schemas])).rows;
	});
	const cache: SchemaCache = new Map(schemas.map((s) => [s, new Map()]));
	for (const row of rows) {
		const params = JSON.parse(row.params) as RoutineParam[];
		if (!isCallable(params)) continue;
		const routine: Routine = {
			schema: row.schema,
			name: row.name,
			params,
			returns: row.returns,
			returnsSet: row.returns_set,
			volatility: VOLATILITY[row.volatility]
		};
		const bySchema = cache.get(row.schema)!;
		bySchema.set(row.name, [...(bySchema.get(row.name) ?? []), routine]);
	}
	return cache;
}
