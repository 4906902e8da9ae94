// njs 0.7.9 (Debian 12): in-process in nginx's workers.  It has no
// js_shared_dict_zone (njs 0.8.0+), so there is no shared counter here.
var crypto = require('crypto');

function hello(r) {
    r.headersOut['Content-Type'] = 'text/plain';
    r.return(200, 'Hello, world');
}

function echo(r) {
    var body;
    try {
        body = JSON.parse(r.requestText);
    } catch (e) {
        r.return(400);
        return;
    }
    r.headersOut['Content-Type'] = 'application/json';
    r.return(200, JSON.stringify(body));
}

function webhook(r) {
    var expected = crypto.createHmac('sha256', 'bench-secret').update(r.requestText).digest('hex');
    r.headersOut['Content-Type'] = 'application/json';
    if (r.headersIn['X-Signature'] !== expected) {
        r.return(401, '{"error":"Invalid signature"}');
        return;
    }
    r.return(200, '{"ok":true}');
}

export default { hello, echo, webhook };
