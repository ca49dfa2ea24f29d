<?php
// bench/run.sh checks that the PHP-FPM it measures runs with opcache on.
header('Content-Type: text/plain');
$s = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
echo ($s !== false && $s['opcache_enabled']) ? 'opcache on' : 'opcache off';
