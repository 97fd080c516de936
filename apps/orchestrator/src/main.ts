import 'reflect-metadata';
console.log('orchestrator placeholder');
