<?php
// APCu: shared by the FPM children of one pool, in memory only.
$n = apcu_inc('counter', 1, $ok);
if ($n === false) {
    apcu_add('counter', 0);
    $n = apcu_inc('counter');
}
header('Content-Type: application/json');
echo json_encode(['n' => $n]);
