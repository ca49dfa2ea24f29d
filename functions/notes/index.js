// GET  /notes?q=&limit=&offset=  ->  {notes, total, limit, offset}
// POST /notes {title, content, tags}  ->  201, Location: /notes/ID, the note
// The data is in the pool's default database: see _lib/notes.js.
var notes = require('../_lib/notes');

exports.GET = function (ctx) {
  return notes.list(ctx.query);
};

exports.POST = function (ctx) {
  var note = notes.create(ctx.body);
  ctx.response.status = 201;
  ctx.response.headers.Location = '/notes/' + note.id;
  return note;
};
