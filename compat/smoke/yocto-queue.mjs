import Queue from 'yocto-queue';
const queue = new Queue();
queue.enqueue('🦄'); queue.enqueue('🌈'); queue.enqueue(3);
console.log(queue.size, queue.peek(), [...queue]);
console.log(queue.dequeue(), queue.dequeue(), queue.size);
console.log([...queue.drain()], queue.size, queue.dequeue());
queue.enqueue(1); queue.clear(); console.log(queue.size);
