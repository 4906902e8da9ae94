const ipaddr = require('ipaddr.js');
const a = ipaddr.parse('192.168.1.10');
console.log(a.kind(), a.toString(), a.range(), a.toByteArray(), a.match(ipaddr.parseCIDR('192.168.0.0/16')));
const b = ipaddr.parse('2001:db8::ff00:42:8329');
console.log(b.kind(), b.toNormalizedString(), b.toFixedLengthString(), b.range(), b.toRFC5952String());
console.log(ipaddr.isValid('256.0.0.1'), ipaddr.IPv4.isValidFourPartDecimal('10.0.0.1'), ipaddr.process('::ffff:127.0.0.1').toString(), ipaddr.parse('::1').range());
console.log(ipaddr.subnetMatch(ipaddr.parse('10.1.2.3'), { private: [ipaddr.parseCIDR('10.0.0.0/8')], lo: [ipaddr.parseCIDR('127.0.0.0/8')] }, 'public'));
console.log(ipaddr.IPv4.broadcastAddressFromCIDR('172.16.5.4/20').toString(), ipaddr.IPv4.networkAddressFromCIDR('172.16.5.4/20').toString(), ipaddr.IPv4.subnetMaskFromPrefixLength(22).toString(), ipaddr.parse('255.255.255.0').prefixLengthFromSubnetMask());
