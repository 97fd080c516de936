import { describeDatastoreAgainstSandbox } from './datastore-contract.js';

describeDatastoreAgainstSandbox('opensearch');
