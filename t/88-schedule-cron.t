#!/usr/bin/perl
# When a _schedule timing fires (engine/cron.h), checked against a
# reference written here in Perl from crontab(5): every minute is tried in
# turn (a whole day at once when the day cannot match), in UTC, with
# gmtime's calendar.  The two share no code; `invoke schedule next`
# prints ours.  Then the timings that must be refused, each with a reason.
use strict;
use warnings;
use FindBin;
use lib "$FindBin::Bin/lib";
use Test::More;
use InvokeTest;
use POSIX ();

need_bins('invoke');
$ENV{TZ} = 'UTC';

my %MON = (jan => 1, feb => 2, mar => 3, apr => 4, may => 5, jun => 6, jul => 7, aug => 8,
           sep => 9, oct => 10, nov => 11, dec => 12);
my %DOW = (sun => 0, mon => 1, tue => 2, wed => 3, thu => 4, fri => 5, sat => 6);
my %MACRO = ('@yearly' => '0 0 1 1 *', '@annually' => '0 0 1 1 *', '@monthly' => '0 0 1 * *',
             '@weekly' => '0 0 * * 0', '@daily' => '0 0 * * *', '@midnight' => '0 0 * * *',
             '@hourly' => '0 * * * *');

# One field as a hash of the values it allows.
sub ref_field {
    my ($text, $lo, $hi, $names) = @_;
    my %set;
    for my $item (split /,/, $text) {
        my ($range, $step) = split m{/}, $item;
        $step //= 1;
        my ($a, $b);
        my $num = sub { my $v = lc shift; $names && exists $names->{$v} ? $names->{$v} : $v };
        if ($range eq '*') { ($a, $b) = ($lo, $hi) }
        elsif ($range =~ /^(\w+)-(\w+)$/) { ($a, $b) = ($num->($1), $num->($2)) }
        else { $a = $num->($range); $b = $item =~ m{/} ? $hi : $a }
        for (my $v = $a; $v <= $b; $v += $step) { $set{$v} = 1 }
    }
    return \%set;
}

# The next n fire times after t (seconds) of a cron expression, in UTC, or
# in the zone of $ENV{TZ} when $local is set.
sub ref_next {
    my ($expr, $t, $n, $local) = @_;
    $expr = $MACRO{$expr} if exists $MACRO{$expr};
    my @f = split ' ', $expr;
    my $min = ref_field($f[0], 0, 59);
    my $hour = ref_field($f[1], 0, 23);
    my $mday = ref_field($f[2], 1, 31);
    my $mon = ref_field($f[3], 1, 12, \%MON);
    my $wday = ref_field($f[4], 0, 7, \%DOW);
    $wday->{0} = 1 if $wday->{7};
    # crontab(5): both day fields restricted (neither starts with '*'):
    # either may match
    my $or = $f[2] !~ /^\*/ && $f[4] !~ /^\*/;
    my @out;
    my $m = int($t / 60) * 60 + 60;
    # none within 6 years of the last: none at all (ours looks 5 ahead)
    while (@out < $n && $m < ($out[-1] // $t) + 6 * 366 * 86400) {
        my @g = $local ? localtime $m : gmtime $m;
        my ($dm, $dw) = ($mday->{ $g[3] }, $wday->{ $g[6] });
        my $day = $mon->{ $g[4] + 1 } && ($or ? ($dm || $dw) : ($dm && $dw));
        # a local day may be 23 or 25 hours long: skip an hour at a time
        if (!$day) { $m += ($local ? 3600 : 86400 - $g[2] * 3600) - $g[1] * 60; next }
        push @out, $m if $hour->{ $g[2] } && $min->{ $g[1] };
        $m += 60;
    }
    return @out;
}

sub ours {
    my ($timing, $t, $n) = @_;
    my $r = run_cmd([bin('invoke'), 'schedule', 'next', $timing, '--after', $t, '--count', $n]);
    return ($r, map { (split /\t/)[0] } split /\n/, $r->{stdout});
}

my @starts = (1796083199,   # 2026-11-30 23:59:59, a Monday
              1709164800,   # 2024-02-29 00:00:00, a leap day
              1767225540);  # 2025-12-31 23:59:00
my @cases = (
    '* * * * *', '*/15 * * * *', '5 4 * * *', '0 22 * * 1-5', '23 0-20/2 * * *',
    '5/20 * * * *', '0 0,12 1 */2 *', '0 4 8-14 * *', '0 0 1 * MON', '30 6 * * sun',
    '0 9 * jan,jul *', '0 0 29 2 *', '0 0 * * 7', '0 12 */10 * *',
    '0 0 13 * FRI', '0 0 */2 * MON', '59 23 31 12 *', '0 0 1-7 * 1', '0 8-18/3 * MAR-may tue-thu',
    '@hourly', '@daily', '@weekly', '@monthly', '@yearly',
);
for my $expr (@cases) {
    for my $t (@starts) {
        my @want = ref_next($expr, $t, 8);
        my ($r, @got) = ours($expr, $t, 8);
        is_deeply(\@got, \@want, "'$expr' after $t") or diag($r->{stderr});
    }
}

# Local time: Berlin's summer time begins 2026-03-29 (02:00 -> 03:00) and
# ends 2026-10-25 (03:00 -> 02:00).  A time that does not exist that day
# does not run; the hour that comes twice is left out here, since cron runs
# it once and the minute-by-minute reference would count both.
SKIP: {
    skip 'no tzdata for Europe/Berlin', 12 unless -e '/usr/share/zoneinfo/Europe/Berlin';
    local $ENV{TZ} = 'Europe/Berlin';
    POSIX::tzset();
    for my $c (['30 2 * * *', 1774612800], ['*/30 * * * *', 1774744200],
               ['0 3 * * SUN', 1774612800], ['0 9 * * 1-5', 1774612800],
               ['0 1,3 * * *', 1792800000], ['15 0 25,26 10 *', 1792800000]) {
        my ($expr, $t) = @$c;
        my @want = ref_next($expr, $t, 6, 1);
        my ($r, @got) = ours($expr, $t, 6);
        is_deeply(\@got, \@want, "'$expr' in Berlin after $t") or diag($r->{stdout}, $r->{stderr});
        ok(@want == 6, '... six of them');
    }
}
POSIX::tzset();

# @every: multiples of the interval since the epoch
for my $c (['@every 1s', 1], ['@every 7s', 7], ['@every 5m', 300], ['@every 1m30s', 90],
           ['@every 2h', 7200], ['@every 1h0m1s', 3601]) {
    my ($timing, $p) = @$c;
    my $t = 1796083199;
    my @want = map { (int($t / $p) + $_) * $p } 1 .. 4;
    my ($r, @got) = ours($timing, $t, 4);
    is_deeply(\@got, \@want, "'$timing'") or diag($r->{stderr});
}

# refused, each with its reason
for my $c (['61 * * * *', qr/minute 61 is out of range 0-59/],
           ['* 24 * * *', qr/hour 24 is out of range/],
           ['* * 0 * *', qr/day of month 0 is out of range 1-31/],
           ['* * * 13 *', qr/month 13 is out of range/],
           ['* * * * 8', qr/day of week 8 is out of range 0-7/],
           ['* * * *', qr/expected 5 fields/],
           ['*/0 * * * *', qr/step 0 is out of range/],
           ['5-1 * * * *', qr/range 5-1 runs backwards/],
           ['* * * foo *', qr/month: expected a number or a name/],
           ['15 10 L * *', qr/day of month: expected a number/],
           ['@reboot', qr/unknown macro \@reboot/],
           ['@every', qr/\@every needs an interval/],
           ['@every 0s', qr/at least 1s/],
           ['@every 5', qr/needs its unit/],
           ['@every 2d', qr/needs its unit/],
           ['0 0 30 2 *', qr/never fires/],
           ['* * * * * extra', qr/unexpected "extra"/]) {
    my ($timing, $why) = @$c;
    my $r = run_cmd([bin('invoke'), 'schedule', 'next', $timing]);
    is($r->{exit}, 1, "'$timing' refused");
    like($r->{stderr}, $why, '... saying why');
}
done_testing();
