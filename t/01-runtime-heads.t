#!/usr/bin/perl
# Every runtime file says in its head what it needs and what it provides
# (doc/internals.md, "One heap per worker"), and this keeps the heads true:
# every rt.NAME a file assigns is in its "Provides:", every one it reads
# from elsewhere is in its "Needs:" with the file that provides it, and
# what a file needs while it loads (before "When called:") comes from a
# file evaluated before it in Makefile.am's JS_FILES.  Reads the sources
# only.
use strict;
use warnings;
use FindBin;
use Test::More;

my $top = "$FindBin::Bin/..";
sub slurp { open my $fh, '<', $_[0] or die "$_[0]: $!"; local $/; <$fh> }

my ($list) = slurp("$top/Makefile.am") =~ /^JS_FILES = \\\n((?:\t.*\n)+)/m;
my @order = map { m{src/runtime/([\w.-]+\.js)} ? $1 : () } split /\n/, $list || '';
ok(@order > 10, 'JS_FILES names the runtime (' . scalar(@order) . ' files)');
my %pos = map { $order[$_] => $_ } 0 .. $#order;

my $NAME = qr/(?<![\w-])rt\.(?!js\b)[A-Za-z_\$][\w\$]*(?:\.[A-Za-z_\$][\w\$]*)?/;
my (%provides, %needs, %writes, %reads);
for my $f (@order) {
    my $src = slurp("$top/src/runtime/$f");
    my ($head) = $src =~ m{\A/\*(.*?)\*/}s;
    $head = defined $head ? $head : '';
    $head =~ s/^\s*\*\s?//mg;
    my ($need) = $head =~ /Needs:(.*?)Provides:/s;
    my ($prov) = $head =~ /Provides:(.*?)(?:\n\s*\n|\z)/s;
    ok(defined $need && defined $prov, "$f: its head has Needs: and Provides:") or next;
    $provides{$f} = { map { $_ => 1 } $prov =~ /($NAME)/g };
    my ($load, $later) = split /When called:|when called:/, $need, 2;
    for ([$load, 'load'], [$later || '', 'later']) {
        my ($text, $when) = @$_;
        # "rt.a, rt.b (x.js, y.js: note)" groups
        while ($text =~ /((?:$NAME[\s,]*(?:and\s+)?)+)\(([^)]*)\)/g) {
            my ($names, $from) = ($1, $2);
            my @files = $from =~ /([\w-]+\.js)/g;
            $needs{$f}{$_} = { when => $when, from => \@files } for $names =~ /($NAME)/g;
        }
    }
    # the code, without comments; `var R = rt` makes R another name for rt
    (my $code = $src) =~ s{/\*.*?\*/}{}gs;
    $code =~ s{(?<![:\w"'\\])//[^\n]*}{}g;
    my @alias = ('rt', $code =~ /\bvar\s+(\w+)\s*=\s*rt\s*[,;]/g);
    for my $a (@alias) {
        while ($code =~ /\b\Q$a\E\.([A-Za-z_\$][\w\$]*)(\.[A-Za-z_\$][\w\$]*)?(\s*=(?!=))?/g) {
            my ($x, $y, $asg) = ($1, $2, $3);
            if ($asg && $y) { $writes{$f}{"rt.$x$y"} = 1; $reads{$f}{"rt.$x"} = 1 }
            elsif ($asg) { $writes{$f}{"rt.$x"} = 1 }
            else { $reads{$f}{"rt.$x"} = 1 }
        }
    }
}

my (@unsaid, @stale, @unneeded, @unlisted, @wrong_from, @too_late);
for my $f (@order) {
    my %w = %{ $writes{$f} || {} };
    push @unsaid, map { "$f assigns $_" } grep { !$provides{$f}{$_} } sort keys %w;
    push @stale, map { "$f claims $_" } grep { !$w{$_} } sort keys %{ $provides{$f} || {} };
    my @read = sort keys %{ $reads{$f} || {} };
    push @unlisted, map { "$f reads $_" } grep { !$needs{$f}{$_} && !$w{$_} } @read;
    my %r = map { $_ => 1 } @read;
    for my $n (sort keys %{ $needs{$f} || {} }) {
        my $need = $needs{$f}{$n};
        push @unneeded, "$f: $n" unless $r{$n};
        my @by = grep { $provides{$_} && $provides{$_}{$n} } @{ $need->{from} };
        push @wrong_from, "$f: $n from (@{ $need->{from} })" if @by != @{ $need->{from} } || !@by;
        push @too_late, "$f needs $n while loading, but (@by) load after it"
            if $need->{when} eq 'load' && @by && !grep { $pos{$_} < $pos{$f} } @by;
    }
}
is_deeply(\@unsaid, [], 'every rt name a file assigns is in its Provides') or diag(join "\n", @unsaid);
is_deeply(\@stale, [], 'every rt name a Provides lists is assigned there') or diag(join "\n", @stale);
is_deeply(\@unlisted, [], 'every rt name a file reads from elsewhere is in its Needs') or diag(join "\n", @unlisted);
is_deeply(\@unneeded, [], 'every rt name a Needs lists is read there') or diag(join "\n", @unneeded);
is_deeply(\@wrong_from, [], 'every need names the files that provide it') or diag(join "\n", @wrong_from);
is_deeply(\@too_late, [], 'what a file needs while loading comes from a file before it in JS_FILES')
    or diag(join "\n", @too_late);
done_testing();
