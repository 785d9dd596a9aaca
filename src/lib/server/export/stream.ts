// Streams an export page by page: each pull of the ReadableStream fetches the next page from the API and encodes
// it, so only one page (≤ 5000 rows) is ever in memory, however large the export — and a slow client slows the
// fetching down instead of piling rows up (back-pressure: pull is called only when the consumer wants more).

export interface PagedExport<Row> {
	/** The first page, fetched before the response starts so that API errors become proper HTTP errors. */
	first: Row[];
	/** The page after `last` (an empty array ends the export). */
	next(last: Row): Promise<Row[]>;
	/** Page size: a page shorter than this is the last. */
	pageSize: number;
	head(): string;
	/** One row's text; `index` counts rows from 0 across pages. */
	row(row: Row, index: number): string;
	tail(count: number): string;
}

/** A byte stream of head, rows and tail; rows are fetched page by page as the consumer reads. */
export function pagedStream<Row>(paged: PagedExport<Row>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	let page: Row[] | null = paged.first;
	let count = 0;
	let started = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				try {
					if (!started) {
						started = true;
						controller.enqueue(encoder.encode(paged.head()));
						return;
					}
					if (page === null) return;
					if (page.length === 0) {
						controller.enqueue(encoder.encode(paged.tail(count)));
						controller.close();
						page = null;
						return;
					}
					let text = '';
					for (const row of page) text += paged.row(row, count++);
					controller.enqueue(encoder.encode(text));
					const last = page.at(-1)!;
					page = page.length < paged.pageSize ? [] : await paged.next(last);
				} catch (error) {
					console.error('[export] failed while streaming:', error);
					controller.error(error);
				}
			}
		},
		{ highWaterMark: 1 }
	);
}
