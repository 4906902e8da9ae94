<?php
// bench/compute/micro.php - PHP's figures for the rows of micro.js that
// PHP has (arrays for Map, .= for +=): best of 3 runs in ms.
function best($f) { $min = INF; for ($k = 0; $k < 3; $k++) { $t = hrtime(true); $r = $f(); $min = min($min, (hrtime(true) - $t) / 1e6); } return [$min, $r]; }
function tmpl($n) { $html = ''; for ($i = 0; $i < $n; $i++) $html .= "<li>{$i}</li>"; return strlen($html); }
function plus($n) { $s = ''; for ($i = 0; $i < $n; $i++) $s = $s . $i . ','; return strlen($s); }
$arr = []; for ($i = 0; $i < 1e6; $i++) $arr[$i] = $i;
$keys = []; for ($i = 0; $i < 1e5; $i++) $keys[] = 'k' . $i;
function fib($n) { return $n < 2 ? $n : fib($n - 1) + fib($n - 2); }
$records = []; for ($i = 0; $i < 10000; $i++) $records[] = ['id' => $i, 'cat' => 'c' . ($i * 7919 % 97), 'name' => 'item ' . $i, 'price' => ($i * 104729 % 100000) / 100, 'qty' => $i % 13];
$json = json_encode(['records' => array_slice($records, 0, 3100)]);
$rows = [
  ['html += `<li>${i}</li>` x 20,000 (function)', function () { return tmpl(20000); }],
  ['html += `<li>${i}</li>` x 100,000 (function)', function () { return tmpl(100000); }],
  ["s = s + i + ',' x 100,000 (function)", function () { return plus(100000); }],
  ['for (const x of arr), 1e6 numbers', function () use ($arr) { $s = 0; foreach ($arr as $x) $s += $x; return $s; }],
  ['for (let i...) arr[i], 1e6 numbers', function () use ($arr) { $s = 0; $n = count($arr); for ($i = 0; $i < $n; $i++) $s += $arr[$i]; return $s; }],
  ['Map: 1e5 set + 1e5 get', function () use ($keys) { $m = []; for ($i = 0; $i < 1e5; $i++) $m[$keys[$i]] = $i; $s = 0; for ($i = 0; $i < 1e5; $i++) $s += $m[$keys[$i]]; return $s; }],
  ['1e6 push', function () { $a = []; for ($i = 0; $i < 1e6; $i++) $a[] = $i; return count($a); }],
  ['fib(25)', function () { return fib(25); }],
  ['JSON.stringify of 3,100 records (200 KB)', function () use ($records) { return strlen(json_encode(['records' => array_slice($records, 0, 3100)])); }],
  ['JSON.parse of the same 200 KB', function () use ($json) { return count(json_decode($json, true)['records']); }],
  ['sort 10,000 records with a comparator', function () use ($records) { $a = $records; usort($a, function ($x, $y) { return $y['price'] <=> $x['price'] ?: $x['id'] <=> $y['id']; }); return count($a); }],
];
$only = $argv[1] ?? '';
foreach ($rows as [$name, $f]) { if ($only !== '' && strpos($name, $only) === false) continue; [$ms, $r] = best($f); printf("%s\t%.0f\t%s\n", $name, $ms, $r); }
