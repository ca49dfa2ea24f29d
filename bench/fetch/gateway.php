<?php
// The gateway of bench/fetch.sh, in PHP with curl: a new connection per
// request (PHP-FPM keeps no curl handle from one request to the next).
$ch = curl_init($_SERVER['UPSTREAM']);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_TIMEOUT, 10);
$body = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
curl_close($ch);
if ($body === false || $status != 200) {
	http_response_code(502);
	exit;
}
$d = json_decode($body, true);
header('Content-Type: application/json');
echo json_encode(['id' => $d['id'], 'name' => $d['name'], 'items' => count($d['items'])]);
