<?php
// PHP-FPM's side of the insert workload (bench/db.sh).
require __DIR__ . '/connect.php';
$e = $_GET['e'];
$db = db($e);
$st = $db->prepare('INSERT INTO log (name, value) VALUES (?, ?)');
$st->execute(['n' . $_GET['id'], 'inserted']);
header('Content-Type: application/json');
echo json_encode(['id' => (int)$db->lastInsertId()]);
