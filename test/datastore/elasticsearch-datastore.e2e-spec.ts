import { describeDatastoreAgainstSandbox } from './datastore-contract.js';

describeDatastoreAgainstSandbox('elasticsearch');
