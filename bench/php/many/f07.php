<?php
// One of 20 small scripts that bench/run.sh loads into a single PHP-FPM
// worker, to compare with a fnpool worker holding 20 functions.
$id = 7;
$table = [];
for ($i = 0; $i < 16; $i++)
	$table['k' . $i] = $id * $i;
$k = $_GET['k'] ?? '1';
header('Content-Type: application/json');
echo json_encode(['fn' => $id, 'method' => $_SERVER['REQUEST_METHOD'],
    'value' => $table['k' . $k] ?? null]);
