const { UAParser } = require('ua-parser-js');
const ua = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const r = UAParser(ua);
console.log(r.browser.name, r.browser.version, r.browser.major, r.engine.name, r.os.name, r.os.version, r.cpu.architecture, r.device.type);
const p = new UAParser('Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1');
console.log(p.getBrowser().name, p.getBrowser().version, p.getOS().name, p.getOS().version, p.getDevice().vendor, p.getDevice().model, p.getDevice().type);
const bot = new UAParser('Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0');
console.log(bot.getBrowser().toString(), bot.getOS().toString(), bot.getEngine().toString(), bot.getUA().length);
console.log(JSON.stringify(new UAParser('curl/8.4.0').getBrowser()), JSON.stringify(new UAParser('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36').getDevice()));
