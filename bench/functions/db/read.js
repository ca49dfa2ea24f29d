// GET /fnpool/db/read?e=sq|pg&id=N: one row by primary key, as JSON
// (bench/db.sh).  e=sq is the pool's db.sq (SQLite), e=pg its db.pg.
var fndb = require('fnpool:db');
var dbs = { sq: fndb.open('sq'), pg: fndb.open('pg') };
var sql = {
	sq: 'SELECT id, name, value FROM kv WHERE id = ?',
	pg: 'SELECT id, name, value FROM kv WHERE id = $1'
};

module.exports = function (ctx) {
	var e = ctx.query.e, row = dbs[e].get(sql[e], [Number(ctx.query.id)]);

	if (row === undefined)
		ctx.response.status = 404;
	return row;
};
