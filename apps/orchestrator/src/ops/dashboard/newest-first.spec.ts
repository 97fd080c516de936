import { newestFirst } from './dashboard-queues.js';

describe('dashboard job order', () => {
  it('lists jobs of mixed statuses newest first, ties by ID', () => {
    const jobs = [
      { id: 'active-old', timestamp: 100 },
      { id: 'done-new', timestamp: 300 },
      { id: 'a', timestamp: 200 },
      { id: 'b', timestamp: 200 },
    ];
    expect(newestFirst(jobs).map((job) => job.id)).toEqual(['done-new', 'b', 'a', 'active-old']);
  });
});
