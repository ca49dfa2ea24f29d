// GET /fnpool/db/soak?id=N: one read on each database, two queries per
// request (bench/db.sh's soak).
var fndb = require('fnpool:db');
var sq = fndb.open('sq'), pg = fndb.open('pg');

module.exports = function (ctx) {
	var id = Number(ctx.query.id) || 1;

	return [sq.get('SELECT id, name, value FROM kv WHERE id = ?', [id]),
	    pg.get('SELECT id, name, value FROM kv WHERE id = $1', [id])];
};
