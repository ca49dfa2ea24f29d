// The asynchronous handler of bench/build-cost.sh as people write it
// today, compiled by fnpool build.  async-es5.js is the same by hand.
interface Note { id: number; title: string; tags: string[]; owner?: { name: string } }

class NoteStore {
	private readonly byId = new Map<number, Note>();

	constructor(notes: Note[]) {
		for (const n of notes)
			this.byId.set(n.id, n);
	}

	async find(id: number): Promise<Note | undefined> {
		await Promise.resolve();
		return this.byId.get(id);
	}
}

const store = new NoteStore([
	{ id: 1, title: 'first', tags: ['a', 'b'], owner: { name: 'ada' } },
	{ id: 2, title: 'second', tags: [] },
]);

export default async function handler(ctx: { query: Record<string, string> }) {
	const { id = '1', fmt = 'json' } = ctx.query;
	const note = await store.find(Number(id));
	if (!note)
		return { status: 404, body: { error: `no note ${id}` } };
	const { title, tags, owner } = note;
	return {
		title: `${title} (${tags.length} tags)`,
		owner: owner?.name ?? 'nobody',
		tags: [...tags, fmt],
	};
}
