<?php
// compute: the same work as bench/invoke/compute.js (issue 20).
$records = [];
for ($i = 0; $i < 10000; $i++)
    $records[] = ['id' => $i, 'cat' => 'c' . ($i * 7919 % 97), 'name' => 'item ' . $i, 'price' => ($i * 104729 % 100000) / 100, 'qty' => $i % 13];
$groups = [];
foreach ($records as $r) {
    $c = $r['cat'];
    if (!isset($groups[$c])) $groups[$c] = ['cat' => $c, 'n' => 0, 'total' => 0.0, 'items' => []];
    $groups[$c]['n']++;
    $groups[$c]['total'] += $r['price'] * $r['qty'];
    $groups[$c]['items'][] = $r;
}
$sorted = array_values($groups);
usort($sorted, function ($a, $b) { return $b['total'] <=> $a['total'] ?: strcmp($a['cat'], $b['cat']); });
foreach ($sorted as &$g) usort($g['items'], function ($a, $b) { return $b['price'] <=> $a['price'] ?: $a['id'] <=> $b['id']; });
unset($g);
$html = '<table><tr><th>group</th><th>id</th><th>name</th><th>price</th><th>qty</th></tr>';
$rows = 0;
foreach ($sorted as $g) {
    foreach ($g['items'] as $r) {
        if ($rows++ === 1000) break 2;
        $html .= "<tr><td>{$g['cat']}</td><td>{$r['id']}</td><td>{$r['name']}</td><td>" . number_format($r['price'], 2, '.', '') . "</td><td>{$r['qty']}</td></tr>";
    }
}
$html .= '</table>';
$json = json_encode(['records' => array_slice($records, 0, 3100)]);
$back = json_decode($json, true);
$html .= '<p>groups ' . count($sorted) . ' first ' . $sorted[0]['cat'] . ' rows ' . ($rows - 1) . ' json ' . strlen($json) . ' back ' . count($back['records']) . '</p>';
header('Content-Type: text/html; charset=utf-8');
echo $html;
