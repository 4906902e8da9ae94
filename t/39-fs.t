#!/usr/bin/perl
# require('fs') / require('fs/promises') (t/runtime/fs.js through `invoke
# run`): reads inside the functions root, and Node's EACCES/ENOENT errors
# for writes, for paths that leave the root, and for missing files.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;

need_bins('invoke');
my $c = run_cmd([bin('invoke'), 'run', "$FindBin::Bin/runtime", '/fs'], timeout => 30);
my $r = parse_http($c->{stdout});
is($r->{status}, 200, 'fs.js runs') or diag($c->{stdout} . $c->{stderr});
my $j = json_body($r) || {};
my $hello = "hello from a data file\n";
is($j->{text}, $hello, 'readFileSync(absolute path inside the root, utf8)');
is($j->{relative}, $hello, 'a relative path is relative to the root');
ok($j->{buffer}, 'without an encoding: a Buffer');
is_deeply($j->{stat}, [JSON::PP::true(), JSON::PP::true(), 23], 'statSync: isFile, isDirectory, size');
is_deeply($j->{exists}, [JSON::PP::true(), JSON::PP::false(), JSON::PP::false()], 'existsSync, false outside the root');
is_deeply($j->{readdir}, ['hello.txt'], 'readdirSync');
is($j->{missing}, "ENOENT open ENOENT: no such file or directory, open '_data/nope.txt'", 'a missing file: ENOENT as Node words it');
is($j->{escape}, "EACCES open EACCES: permission denied, open '../../../../../etc/passwd'", '../ out of the root: EACCES');
is($j->{absolute}, "EACCES open EACCES: permission denied, open '/etc/passwd'", 'an absolute path outside the root: EACCES');
like($j->{$_}, qr/^EACCES \w+ EACCES: permission denied/, "$_: EACCES") for qw(write mkdir unlink);
is($j->{readdirOutside}, "EACCES scandir EACCES: permission denied, scandir '/etc'", 'readdirSync outside the root: EACCES');
is_deeply($j->{callback}, [undef, $hello], 'fs.readFile(path, enc, cb)');
is($j->{promise}, $hello, 'fs/promises readFile');
is($j->{promiseWrite}, 'EACCES', 'fs/promises writeFile rejects with EACCES');
ok(!-e "$FindBin::Bin/runtime/_data/new.txt" && !-e "$FindBin::Bin/runtime/_data/x", 'nothing was written');
done_testing();
