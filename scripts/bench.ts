// placeholder replaced by the engine work
console.log('bench: not yet');
