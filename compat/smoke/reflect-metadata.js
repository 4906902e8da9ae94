require('reflect-metadata');
class Service {}
Reflect.defineMetadata('role', 'admin', Service);
Reflect.defineMetadata('route', '/users', Service.prototype, 'list');
const decorator = Reflect.metadata('custom', { cache: 60 });
class Ctl { handler() {} }
Reflect.decorate([decorator], Ctl.prototype, 'handler', Object.getOwnPropertyDescriptor(Ctl.prototype, 'handler'));
console.log(Reflect.getMetadata('role', Service), Reflect.getMetadata('route', Service.prototype, 'list'), Reflect.getMetadata('custom', Ctl.prototype, 'handler'));
class Sub extends Service {}
console.log(Reflect.getMetadata('role', Sub), Reflect.getOwnMetadata('role', Sub), Reflect.hasMetadata('role', Sub), Reflect.getMetadataKeys(Sub));
console.log(Reflect.deleteMetadata('role', Service), Reflect.getMetadata('role', Service), Reflect.getMetadata('design:type', Ctl.prototype, 'handler'));
