// GET    /notes/ID  ->  the note, or 404
// PUT    /notes/ID {title, content, tags}  ->  the note, replaced
// PATCH  /notes/ID {any of them}  ->  the note, changed
// DELETE /notes/ID  ->  204
var notes = require('../_lib/notes');

exports.GET = function (ctx) {
  return notes.read(ctx.params.id);
};

exports.PUT = function (ctx) {
  return notes.update(ctx.params.id, ctx.body, false);
};

exports.PATCH = function (ctx) {
  return notes.update(ctx.params.id, ctx.body, true);
};

exports.DELETE = function (ctx) {
  notes.remove(ctx.params.id);
};
