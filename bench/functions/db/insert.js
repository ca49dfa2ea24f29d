// GET /fnpool/db/insert?e=sq|pg&id=N: inserts one row, answers its id
// (bench/db.sh; GET so that wrk needs no script for it).
var fndb = require('fnpool:db');
var dbs = { sq: fndb.open('sq'), pg: fndb.open('pg') };
var sql = {
	sq: 'INSERT INTO log (name, value) VALUES (?, ?)',
	pg: 'INSERT INTO log (name, value) VALUES ($1, $2) RETURNING id'
};

module.exports = function (ctx) {
	var e = ctx.query.e;

	return { id: dbs[e].run(sql[e], ['n' + ctx.query.id, 'inserted']).lastInsertId };
};
