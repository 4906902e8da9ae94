<?php
$body = json_decode(file_get_contents('php://input'), true);
if ($body === null && json_last_error() !== JSON_ERROR_NONE) {
    http_response_code(400);
    exit;
}
header('Content-Type: application/json');
echo json_encode($body);
