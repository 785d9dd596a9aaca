// The vocabulary of published figures in both languages: metric names, units, and a figure's value as shown.
// Metric codes come from the research data (`figures[].metric` of data/places.geojson and data/listings.json): short
// English codes that may carry a unit or a year (`area_km2_2025`). The unit and the year have their own columns in
// the figures table, so the names leave them out unless two metrics of one record differ only by them. A code not
// named here (new data) is spelled out in English (see metricName); figures.spec.ts fails until every code of the
// seed is named.
import type { Figure } from '$lib/data/types';
import { t, type Lang, type MessageKey } from './index';

type MetricNames = Readonly<Record<Lang, string>>;

export const METRIC_NAMES: Readonly<Record<string, MetricNames>> = {
	access: { zh: '交通', en: 'Access' },
	annual_capacity_pieces: { zh: '年产能（件）', en: 'Annual capacity (pieces)' },
	annual_output_pairs: { zh: '年产量', en: 'Annual output' },
	area_ha: { zh: '面积', en: 'Area' },
	area_km2: { zh: '面积', en: 'Area' },
	area_km2_2025: { zh: '面积（2025年）', en: 'Area (2025)' },
	area_km2_published: { zh: '面积（公布值）', en: 'Area (as published)' },
	area_m2_2017: { zh: '面积（2017年）', en: 'Area (2017)' },
	area_m2_2025: { zh: '面积（2025年）', en: 'Area (2025)' },
	artists: { zh: '艺术家', en: 'Artists' },
	base_established: { zh: '基地成立', en: 'Base established' },
	base_planned_area_m2: { zh: '基地规划面积', en: 'Planned area of the base' },
	brands_ss2025: { zh: '参展品牌（2025春夏）', en: 'Brands (spring/summer 2025)' },
	city_decision: { zh: '市政府决定', en: 'City decision' },
	cluster_area_km2: { zh: '集聚区面积', en: 'Cluster area' },
	converted_buildings: { zh: '改造楼宇', en: 'Converted buildings' },
	core_area_km2: { zh: '核心区面积', en: 'Core area' },
	core_area_m2: { zh: '核心区面积', en: 'Core area' },
	designers: { zh: '设计师', en: 'Designers' },
	dongmen_old_street_area_m2: { zh: '东门老街面积', en: 'Dongmen Old Street area' },
	employees: { zh: '从业人员', en: 'Employees' },
	enterprises: { zh: '企业数', en: 'Enterprises' },
	enterprises_2014: { zh: '企业数（2014年）', en: 'Enterprises (2014)' },
	enterprises_2021: { zh: '企业数（2021年）', en: 'Enterprises (2021)' },
	enterprises_in_base: { zh: '基地内企业数', en: 'Enterprises in the base' },
	exhibitors: { zh: '参展商', en: 'Exhibitors' },
	exhibitors_2025: { zh: '参展商（2025年）', en: 'Exhibitors (2025)' },
	exports_share_citywide: { zh: '出口占比', en: 'Export share' },
	eyewear_enterprises: { zh: '眼镜企业数', en: 'Eyewear enterprises' },
	fashion_enterprises: { zh: '时尚企业数', en: 'Fashion enterprises' },
	fashion_hall_2025: { zh: '时尚展馆（2025年）', en: 'Fashion halls (2025)' },
	fiyta_project: { zh: '飞亚达项目', en: 'FIYTA project' },
	fiyta_timing_culture_centre: { zh: '飞亚达计时文化中心', en: 'FIYTA timing culture centre' },
	floor_area_m2: { zh: '建筑面积', en: 'Floor area' },
	founded: { zh: '创立', en: 'Founded' },
	futian_retail_sales_cny: { zh: '福田区零售额（全区）', en: 'Futian retail sales (whole district)' },
	galleries: { zh: '画廊', en: 'Galleries' },
	gross_area_m2: { zh: '总面积', en: 'Gross area' },
	guangming_watch_output: { zh: '光明钟表产值', en: 'Guangming watch output' },
	history: { zh: '历史', en: 'History' },
	industry_scale_cny: { zh: '产业规模', en: 'Industry scale' },
	investment_cny: { zh: '投资额', en: 'Investment' },
	jade_carving_contest: { zh: '玉雕大赛', en: 'Jade carving contest' },
	known_brands_sz: { zh: '深圳知名品牌', en: 'Well-known Shenzhen brands' },
	listed: { zh: '上市', en: 'Listed' },
	listing: { zh: '股票代码', en: 'Stock listing' },
	longgang_eyewear_output_2017: { zh: '龙岗眼镜产值（2017年）', en: 'Longgang eyewear output (2017)' },
	luohu_jewellery_enterprises: { zh: '罗湖珠宝企业数（全区）', en: 'Luohu jewellery enterprises (whole district)' },
	master_plan_zone: { zh: '总体规划片区', en: 'Master plan zone' },
	milan_fashion_week_2024: { zh: '深圳·米兰双城时尚周（2024年）', en: 'Shenzhen–Milan fashion week (2024)' },
	nanshan_fashion_cluster_revenue_usd: { zh: '南山时尚集群营收', en: 'Nanshan fashion cluster revenue' },
	nanyou_fashion_week_edition: { zh: '南油时装周届次', en: 'Nanyou Fashion Week edition' },
	origin: { zh: '由来', en: 'Origin' },
	original_painters: { zh: '原创画家', en: 'Original painters' },
	output_pairs: { zh: '产量', en: 'Output' },
	output_value_cny: { zh: '产值', en: 'Output value' },
	overseas_exhibitors: { zh: '海外参展商', en: 'Overseas exhibitors' },
	own_brands: { zh: '自主品牌', en: 'Own brands' },
	painters: { zh: '画师', en: 'Painters' },
	park_output_cny: { zh: '园区产值', en: 'Park output' },
	phase1_site_m2: { zh: '一期用地面积', en: 'Phase 1 site' },
	phase1_units: { zh: '一期商铺', en: 'Phase 1 units' },
	phase2: { zh: '二期', en: 'Phase 2' },
	plan: { zh: '规划', en: 'Plan' },
	plan_2023_2025: { zh: '2023–2025年规划', en: 'Plan 2023–2025' },
	plan_zone: { zh: '规划片区', en: 'Planning zone' },
	planned_area_km2: { zh: '规划面积', en: 'Planned area' },
	planned_total_area_km2: { zh: '规划总面积', en: 'Planned total area' },
	plant_floor_area_m2: { zh: '厂房建筑面积', en: 'Plant floor area' },
	print_fair: { zh: '版画交易会', en: 'Print fair' },
	professional_markets: { zh: '专业市场', en: 'Specialised markets' },
	provincial_status: { zh: '省级称号', en: 'Provincial status' },
	raw_material_trade_share: { zh: '原材料交易占比', en: 'Share of raw-material trade' },
	revenue_2023_cny: { zh: '营业收入（2023年）', en: 'Revenue (2023)' },
	revenue_cny: { zh: '营业收入', en: 'Revenue' },
	role: { zh: '定位', en: 'Role' },
	sales_cny: { zh: '销售额', en: 'Sales' },
	share_of_SGE_physical_gold: { zh: '上海黄金交易所实物黄金占比', en: 'Share of Shanghai Gold Exchange physical gold' },
	share_of_sz_ladieswear_brands: { zh: '深圳女装品牌占比', en: 'Share of Shenzhen womenswear brands' },
	shopping_areas: { zh: '商圈', en: 'Shopping areas' },
	site_chosen: { zh: '选址', en: 'Site chosen' },
	site_m2: { zh: '占地面积', en: 'Site area' },
	spine_street: { zh: '主街', en: 'Main street' },
	stalls: { zh: '档口', en: 'Stalls' },
	stalls_mingtong: { zh: '明通化妆品市场档口', en: 'Stalls in the Mingtong cosmetics market' },
	stalls_total: { zh: '档口总数', en: 'Stalls' },
	status: { zh: '地位', en: 'Status' },
	tech_centre: { zh: '科技创新中心', en: 'Technology centre' },
	testing_centre: { zh: '检测中心', en: 'Testing centre' },
	top10_firms_in_cluster: { zh: '集群内的全国十强企业', en: 'National top-10 firms in the cluster' },
	total_planned_area: { zh: '规划总面积', en: 'Planned total area' },
	travel_time_to_shuibei: { zh: '至水贝车程', en: 'Travel time to Shuibei' },
	vacancy_before: { zh: '转型前空置率', en: 'Vacancy before the change' },
	visitors: { zh: '观众', en: 'Visitors' },
	visitors_2025: { zh: '观众（2025年）', en: 'Visitors (2025)' },
	wider_area_km2: { zh: '含周边面积', en: 'Area with surroundings' }
};

/**
 * A metric's name in the language, and the language it is actually in: a code not in METRIC_NAMES is spelled out
 * in English (`fashion_shows_2026` → `Fashion shows 2026`), for its `lang` attribute.
 */
export function metricName(metric: string, lang: Lang): { text: string; lang: Lang } {
	const names = Object.hasOwn(METRIC_NAMES, metric) ? METRIC_NAMES[metric] : undefined;
	if (names) return { text: names[lang], lang };
	const words = metric
		.replace(/_/g, ' ')
		.replace(/\bkm2\b/g, 'km²')
		.replace(/\bm2\b/g, 'm²')
		.replace(/\b(cny|usd)\b/g, (m) => m.toUpperCase())
		.trim();
	return { text: words.charAt(0).toUpperCase() + words.slice(1), lang: 'en' };
}

const UNIT_KEYS: Readonly<Record<string, MessageKey>> = {
	km2: 'unit.km2',
	m2: 'unit.m2',
	ha: 'unit.ha',
	CNY: 'unit.CNY',
	USD: 'unit.USD',
	pairs: 'unit.pairs'
};

/** A figure's unit in the language; an unknown unit is shown as stored. */
export function unitName(unit: string | null | undefined, lang: Lang): string {
	if (!unit) return '';
	return Object.hasOwn(UNIT_KEYS, unit) ? t(lang, UNIT_KEYS[unit]!) : unit;
}

// "2.92 billion", ">10 million", "4.15 billion (41.5亿元)": how the research writes large amounts, sometimes followed
// by the same amount as its Chinese source wrote it.
const LARGE_AMOUNT = /^([~>]?)(\d+(?:\.\d+)?) (billion|million)(?: \(\d+(?:\.\d+)?[亿万]\p{Script=Han}?\))?$/u;
const POWER = { billion: 9, million: 6 } as const;
const QUALIFIER_ZH: Record<string, string> = { '': '', '~': '约', '>': '超过' };

/** A decimal numeral with its point moved `places` to the right (left when negative): exact, no floating point. */
function moveDecimalPoint(numeral: string, places: number): string {
	const [whole, fraction = ''] = numeral.split('.') as [string, string?];
	let digits = whole + fraction;
	let point = whole.length + places;
	if (point > digits.length) digits = digits.padEnd(point, '0');
	if (point < 1) [digits, point] = ['0'.repeat(1 - point) + digits, 1];
	const head = digits.slice(0, point).replace(/^0+(?=\d)/, '');
	const tail = digits.slice(point).replace(/0+$/, '');
	return tail ? `${head}.${tail}` : head;
}

/**
 * A published value in the page's language. The research writes large amounts with English words ("2.92 billion",
 * ">10 million"); the Chinese page writes them with 亿 and 万, as Chinese sources do ("29.2亿", "超过1000万"): the same
 * number with its decimal point moved, nothing rounded (an amount's Chinese original in brackets is then left out, as
 * it says the same). Every other value, and every value in English, is shown as published, its digits grouped from five
 * up when it is a number (1,460,000).
 */
export function valueText(value: number | string, lang: Lang): string {
	// not in four digits, which may be a year (2003)
	if (typeof value === 'number') return Math.abs(value) >= 10_000 ? groupedNumber(value, lang) : String(value);
	const match = lang === 'zh' && typeof value === 'string' ? LARGE_AMOUNT.exec(value.trim()) : null;
	if (!match) return String(value);
	const [, qualifier = '', numeral = '', word = 'million'] = match;
	const power = POWER[word as keyof typeof POWER];
	const [unitPower, unitChar] = Number(numeral) * 10 ** power >= 1e8 ? [8, '亿'] : [4, '万'];
	return `${QUALIFIER_ZH[qualifier]}${moveDecimalPoint(numeral, power - unitPower)}${unitChar}`;
}

const groupedNumber = (value: number, lang: Lang) => new Intl.NumberFormat(lang === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 20 }).format(value);

/**
 * A figure's value as published (large amounts in the page's way of writing them), followed by its unit in the
 * language; a Chinese amount and its unit are written together ("29.2亿元").
 * @example figureText({ value: '0.9', unit: 'km2', … }, 'zh') // '0.9 平方公里'
 */
export function figureText(figure: Pick<Figure, 'value' | 'unit'>, lang: Lang): string {
	const { value, separator, unit } = figureParts(figure, lang);
	return `${value}${separator}${unit}`;
}

/** figureText in its parts, for markup that styles the unit. */
export function figureParts(figure: Pick<Figure, 'value' | 'unit'>, lang: Lang): { value: string; separator: string; unit: string } {
	const value = valueText(figure.value, lang);
	// a value written out with its unit in it ("1.1 million m2 (110万m2); >2000 firms …") is not given it again
	const unitCode = figure.unit?.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const unitWritten = typeof figure.value === 'string' && !!unitCode && new RegExp(`(^|[^A-Za-z])${unitCode}(?![A-Za-z])`).test(figure.value);
	const unit = unitWritten ? '' : unitName(figure.unit, lang);
	return { value, separator: unit && !/[亿万]$/.test(value) ? ' ' : '', unit };
}
