const pug = require('pug');
const fn = pug.compile(`doctype html
html(lang="en")
  head
    title= pageTitle
  body
    h1.title#main Hello #{name}!
    if youAreUsingPug
      p You are amazing
    ul
      each item, i in items
        li(class=i % 2 ? 'odd' : 'even')= item
    p!= raw
    mixin btn(label)
      button(type="button")= label
    +btn('Go')
    p Count: #{items.length} escaped: #{'<x>'}`, { pretty: false });
console.log(fn({ pageTitle: 'Pug', name: 'World', youAreUsingPug: true, items: ['a', 'b', 'c'], raw: '<em>raw</em>' }));
console.log(pug.render('p(data-x={a: 1})= msg\n  | text', { msg: 'hi' })); try { pug.render('div\n  p= x.y.z', {}); } catch (e) { console.log(e.name, e.message.split('\n').pop()); }
