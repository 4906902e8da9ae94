const createError = require('http-errors');
const e = createError(404, 'Page not here', { path: '/x' });
console.log(e.name, e.message, e.status, e.statusCode, e.expose, e.path, e instanceof createError.NotFound, e instanceof createError.HttpError, e instanceof Error);
const e2 = new createError.InternalServerError();
console.log(e2.name, e2.message, e2.expose, createError.isHttpError(e2), createError.isHttpError(new Error('x')));
const wrapped = createError(502, new TypeError('upstream broke'));
console.log(wrapped.name, wrapped.message, wrapped.status, String(createError(418)), createError('plain').status);
console.log(Object.keys(createError).filter((k) => /^[A-Z]/.test(k)).length > 30, typeof e.stack, e.stack.split('\n')[0]);
