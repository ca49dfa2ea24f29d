<?php
// PHP-FPM's side of the read workload (bench/db.sh): PDO with persistent
// connections (the usual way to keep one per worker), a prepared
// statement, one row by primary key, as JSON.
require __DIR__ . '/connect.php';
$e = $_GET['e'];
$st = db($e)->prepare('SELECT id, name, value FROM kv WHERE id = ?');
$st->execute([(int)$_GET['id']]);
$row = $st->fetch(PDO::FETCH_ASSOC);
header('Content-Type: application/json');
if ($row === false) {
	http_response_code(404);
	exit;
}
$row['id'] = (int)$row['id'];
echo json_encode($row);
