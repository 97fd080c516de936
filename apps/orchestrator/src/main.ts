import 'reflect-metadata';
import { PLACEHOLDER } from '@app/snapshot-planning';
import { PLACEHOLDER_DS } from '@app/datastore';
console.log('orchestrator placeholder', PLACEHOLDER, PLACEHOLDER_DS);
