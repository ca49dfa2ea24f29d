// bench/build-cost/async.ts written by hand in ES5 (Promise chains), as
// fnpool runs it without a build.
function NoteStore(notes) {
	this.byId = new Map();
	for (var i = 0; i < notes.length; i++)
		this.byId.set(notes[i].id, notes[i]);
}

NoteStore.prototype.find = function (id) {
	var byId = this.byId;
	return Promise.resolve().then(function () {
		return byId.get(id);
	});
};

var store = new NoteStore([
	{ id: 1, title: 'first', tags: ['a', 'b'], owner: { name: 'ada' } },
	{ id: 2, title: 'second', tags: [] }
]);

module.exports = function (ctx) {
	var id = ctx.query.id === undefined ? '1' : ctx.query.id;
	var fmt = ctx.query.fmt === undefined ? 'json' : ctx.query.fmt;
	return store.find(Number(id)).then(function (note) {
		if (!note)
			return { status: 404, body: { error: 'no note ' + id } };
		var owner = note.owner;
		return {
			title: note.title + ' (' + note.tags.length + ' tags)',
			owner: owner !== undefined && owner !== null &&
			    owner.name !== undefined && owner.name !== null ?
			    owner.name : 'nobody',
			tags: note.tags.concat([fmt])
		};
	});
};
