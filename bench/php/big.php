<?php
// PHP-FPM's side of the 64 KiB response workload.
header('Content-Type: text/plain; charset=utf-8');
echo str_repeat('x', 65536);
