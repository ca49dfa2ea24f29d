// The notes store, shared by notes/index.js and notes/[id].js.  The data
// lives in the pool's default database (an SQLite file in state_dir, made
// on first use), so both functions, every worker and every deploy see the
// same notes.  What a module keeps in its own variables is per function
// and per worker (docs/functions.md, "Where data lives"): keep only what
// can be rebuilt there, as `ready` below.
var db = require('fnpool:db');
var ready = false;

// The schema, once per worker: CREATE ... IF NOT EXISTS is a no-op when
// another worker (or an earlier deploy) made it already.
function migrate() {
  if (ready)
    return;
  db.exec(
    'CREATE TABLE IF NOT EXISTS notes (' +
    '  id INTEGER PRIMARY KEY AUTOINCREMENT,' +
    '  title TEXT NOT NULL,' +
    '  content TEXT NOT NULL DEFAULT \'\',' +
    '  tags TEXT NOT NULL DEFAULT \'[]\',' +
    '  created_at TEXT NOT NULL,' +
    '  updated_at TEXT NOT NULL);' +
    'CREATE INDEX IF NOT EXISTS notes_updated ON notes (updated_at);');
  ready = true;
}

// An error the client caused: fnpool answers it with its status.
function fail(status, message) {
  var e = new Error(message);
  e.status = status;
  return e;
}

function row(r) {
  return {
    id: r.id, title: r.title, content: r.content, tags: JSON.parse(r.tags),
    createdAt: r.created_at, updatedAt: r.updated_at
  };
}

// Checks a body: every field for POST and PUT, those given for PATCH.
function validate(body, partial) {
  var out = {}, i;

  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw fail(400, 'expected a JSON object');
  if ('title' in body || !partial) {
    if (typeof body.title !== 'string' || !body.title.trim())
      throw fail(400, 'title: required, a non-empty string');
    if (body.title.length > 200)
      throw fail(400, 'title: at most 200 characters');
    out.title = body.title.trim();
  }
  if ('content' in body || !partial) {
    if (body.content === undefined && !partial)
      body.content = '';
    if (typeof body.content !== 'string')
      throw fail(400, 'content: a string');
    if (body.content.length > 100000)
      throw fail(400, 'content: at most 100000 characters');
    out.content = body.content;
  }
  if ('tags' in body || !partial) {
    var tags = body.tags === undefined ? [] : body.tags;
    if (!Array.isArray(tags) || tags.length > 20)
      throw fail(400, 'tags: an array of at most 20 strings');
    for (i = 0; i < tags.length; i++)
      if (typeof tags[i] !== 'string' || !tags[i] || tags[i].length > 40)
        throw fail(400, 'tags: each a string of 1 to 40 characters');
    out.tags = tags;
  }
  return out;
}

// The id of a path segment, or a 404.
function id(param) {
  if (!/^[1-9][0-9]{0,15}$/.test(param))
    throw fail(404, 'note ' + param + ' not found');
  return Number(param);
}

exports.list = function (query) {
  var limit = query.limit === undefined ? 20 : Number(query.limit);
  var offset = query.offset === undefined ? 0 : Number(query.offset);
  var where = '', params = [], rows;

  if (!(limit >= 1 && limit <= 100 && limit % 1 === 0))
    throw fail(400, 'limit: a whole number from 1 to 100');
  if (!(offset >= 0 && offset % 1 === 0))
    throw fail(400, 'offset: a whole number, 0 or more');
  migrate();
  if (typeof query.q === 'string' && query.q) {
    // the search text is a parameter, never part of the SQL
    where = ' WHERE title LIKE ? ESCAPE \'\\\' OR content LIKE ? ESCAPE \'\\\'';
    var like = '%' + query.q.replace(/[\\%_]/g, '\\$&') + '%';
    params = [like, like];
  }
  rows = db.query('SELECT * FROM notes' + where +
      ' ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?',
      params.concat([limit, offset]));
  return {
    notes: rows.map(row),
    total: db.get('SELECT count(*) AS n FROM notes' + where, params).n,
    limit: limit, offset: offset
  };
};

exports.create = function (body) {
  var v = validate(body, false), now = new Date().toISOString();

  migrate();
  var r = db.run('INSERT INTO notes (title, content, tags, created_at, ' +
      'updated_at) VALUES (?, ?, ?, ?, ?)', [v.title, v.content, v.tags, now, now]);
  return exports.read(String(r.lastInsertId));
};

exports.read = function (param) {
  migrate();
  var r = db.get('SELECT * FROM notes WHERE id = ?', [id(param)]);
  if (r === undefined)
    throw fail(404, 'note ' + param + ' not found');
  return row(r);
};

// PUT replaces every field, PATCH those given; both in one transaction,
// so that a concurrent DELETE cannot slip between the check and the write.
exports.update = function (param, body, partial) {
  var v = validate(body, partial), n = id(param);

  migrate();
  return db.transaction(function (tx) {
    var old = tx.get('SELECT * FROM notes WHERE id = ?', [n]);
    if (old === undefined)
      throw fail(404, 'note ' + param + ' not found');
    tx.run('UPDATE notes SET title = ?, content = ?, tags = ?, updated_at = ? ' +
        'WHERE id = ?', [
          'title' in v ? v.title : old.title,
          'content' in v ? v.content : old.content,
          'tags' in v ? v.tags : JSON.parse(old.tags),
          new Date().toISOString(), n]);
    return row(tx.get('SELECT * FROM notes WHERE id = ?', [n]));
  });
};

exports.remove = function (param) {
  migrate();
  if (db.run('DELETE FROM notes WHERE id = ?', [id(param)]).changes === 0)
    throw fail(404, 'note ' + param + ' not found');
};
