<?php
$raw = file_get_contents('php://input');
$expected = hash_hmac('sha256', $raw, 'bench-secret');
$given = $_SERVER['HTTP_X_SIGNATURE'] ?? '';
header('Content-Type: application/json');
if (!hash_equals($expected, $given)) {
    http_response_code(401);
    echo '{"error":"Invalid signature"}';
    exit;
}
echo '{"ok":true}';
