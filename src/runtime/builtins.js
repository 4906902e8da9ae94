/* builtins.js - corrections to Duktape's standard library where it differs
 * from what every other engine (and HTTP) expects.  Loaded first.
 *
 * Needs: nothing.
 * Provides: rt.httpDate; Date's toUTCString and toGMTString in HTTP's form.
 *
 * Runs as the body of function (sys, rt); ES5 only.
 */
var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function two(n) {
    return n < 10 ? '0' + n : String(n);
}

/* Duktape prints "1970-01-01 00:00:00.000Z"; HTTP dates (Expires,
 * Last-Modified) and Node print "Thu, 01 Jan 1970 00:00:00 GMT". */
function toUTCString() {
    var d = this;
    if (isNaN(d.getTime()))
        return 'Invalid Date';
    var y = d.getUTCFullYear();
    var year = y < 0 ? '-' + ('00000' + (-y)).slice(-6) : y < 1000 ? ('000' + y).slice(-4) : String(y);
    return DAYS[d.getUTCDay()] + ', ' + two(d.getUTCDate()) + ' ' + MONTHS[d.getUTCMonth()] + ' ' +
           year + ' ' + two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) + ':' +
           two(d.getUTCSeconds()) + ' GMT';
}

Object.defineProperty(Date.prototype, 'toUTCString', { value: toUTCString, writable: true, configurable: true });
Object.defineProperty(Date.prototype, 'toGMTString', { value: toUTCString, writable: true, configurable: true });
rt.httpDate = function (d) {
    return toUTCString.call(d);
};

/* Buffer is buffer.js, loaded next. */
