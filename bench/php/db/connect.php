<?php
// The databases of bench/db.sh, as PDO sees them: the same SQLite file
// (WAL, synchronous = NORMAL, the busy timeout fnpool uses) and the same
// PostgreSQL server, through persistent connections.
function db($e) {
	static $opts = [PDO::ATTR_PERSISTENT => true,
	    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION];
	if ($e === 'sq') {
		$db = new PDO('sqlite:' . getenv('BENCH_SQLITE'), null, null,
		    $opts + [PDO::ATTR_TIMEOUT => 30]);
		$db->exec('PRAGMA synchronous = NORMAL');
		return $db;
	}
	return new PDO('pgsql:host=' . getenv('BENCH_PGHOST') .
	    ';port=5432;dbname=fnpool;user=fnpool', null, null, $opts);
}
