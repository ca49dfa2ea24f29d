<?php
// PHP-FPM's side of the JSON echo workload: parse the body, encode it again.
header('Content-Type: application/json');
echo json_encode(json_decode(file_get_contents('php://input')));
