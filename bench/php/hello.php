<?php
// PHP-FPM's side of the hello workload (bench/run.sh).
header('Content-Type: text/plain; charset=utf-8');
echo 'hello';
